"""The synthetic national demo: invented but internally consistent cases from 2019 to 2025.

See docs/demo.md. `build_demo(ctx, DemoOptions(...))` builds it; `tipwatch demo` runs it.
"""

from tipwatch.services.demo.build import DemoOptions, DemoReport, build_demo
from tipwatch.services.demo.reset import DemoRefused
from tipwatch.services.demo.volumes import Scale

__all__ = ["DemoOptions", "DemoRefused", "DemoReport", "Scale", "build_demo"]
