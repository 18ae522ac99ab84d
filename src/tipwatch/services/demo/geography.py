"""Where the demo's cases happen: districts and police stations, FIA zones and circles,
airports and the routes migrants are smuggled along.

Weights are shares of cases, not published counts: Punjab dominant among police cases (FIA's
2016 figures: Punjab 3,349 of 4,096), Gujranwala zone dominant among FIA cases (Red Book 2023:
71 of 156 most-wanted smugglers; 2025: 70 of 143).
"""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.domain.vocabulary import Province
from tipwatch.services.demo.names import Community

P = Province


@dataclass(frozen=True)
class District:
    name: str
    code: str
    province: Province
    weight: float  # share of police cases
    stations: tuple[str, ...]
    community: Community = Community.PUNJABI


def _d(name: str, code: str, province: Province, weight: float, stations: str) -> District:
    community = {
        P.SINDH: Community.SINDHI,
        P.KHYBER_PAKHTUNKHWA: Community.PASHTUN,
        P.BALOCHISTAN: Community.BALOCH,
    }.get(province, Community.PUNJABI)
    return District(name, code, province, weight, tuple(stations.split(", ")), community)


DISTRICTS = (
    _d("Lahore", "LHR", P.PUNJAB, 9, "Kahna, Raiwind, Shahdara, Gulberg, Model Town"),
    _d("Kasur", "KSR", P.PUNJAB, 5, "Kasur City, Pattoki, Chunian"),
    _d("Sheikhupura", "SKP", P.PUNJAB, 5, "Sheikhupura City, Muridke, Ferozewala"),
    _d("Gujranwala", "GRW", P.PUNJAB, 5, "Civil Lines, Kamoke, Wazirabad"),
    _d("Sialkot", "SKT", P.PUNJAB, 4, "Sialkot Cantt, Daska, Sambrial"),
    _d("Gujrat", "GJT", P.PUNJAB, 4, "Gujrat City, Kharian, Lalamusa"),
    _d("Mandi Bahauddin", "MBD", P.PUNJAB, 3, "Mandi Bahauddin City, Phalia"),
    _d("Faisalabad", "FSD", P.PUNJAB, 6, "Madina Town, Jaranwala, Samundri"),
    _d("Okara", "OKR", P.PUNJAB, 3, "Okara City, Renala Khurd"),
    _d("Sahiwal", "SWL", P.PUNJAB, 3, "Sahiwal City, Chichawatni"),
    _d("Multan", "MUX", P.PUNJAB, 4, "Cantt Multan, Shujabad, Mumtazabad"),
    _d("Muzaffargarh", "MZG", P.PUNJAB, 4, "Muzaffargarh City, Kot Addu, Alipur"),
    _d("Rahim Yar Khan", "RYK", P.PUNJAB, 3, "Rahim Yar Khan City, Sadiqabad"),
    _d("Bahawalpur", "BWP", P.PUNJAB, 3, "Bahawalpur City, Ahmedpur East"),
    _d("Rawalpindi", "RWP", P.PUNJAB, 4, "Saddar Rawalpindi, Gujar Khan, Taxila"),
    _d("Sargodha", "SGD", P.PUNJAB, 3, "Sargodha City, Bhalwal"),
    _d("Dera Ghazi Khan", "DGK", P.PUNJAB, 2, "Dera Ghazi Khan City, Taunsa"),
    _d("Jhang", "JHG", P.PUNJAB, 2, "Jhang City, Shorkot"),
    _d("Karachi", "KHI", P.SINDH, 8, "Korangi, Orangi Town, Saddar, Baldia, Landhi"),
    _d("Hyderabad", "HYD", P.SINDH, 3, "Latifabad, Qasimabad, Hyderabad City"),
    _d("Sukkur", "SUK", P.SINDH, 2, "Sukkur City, Rohri"),
    _d("Umerkot", "UMK", P.SINDH, 2, "Umerkot City, Kunri"),
    _d("Sanghar", "SGR", P.SINDH, 2, "Sanghar City, Shahdadpur"),
    _d("Mirpurkhas", "MPK", P.SINDH, 2, "Mirpurkhas City, Digri"),
    _d("Tharparkar", "THR", P.SINDH, 1, "Mithi, Islamkot"),
    _d("Larkana", "LRK", P.SINDH, 1, "Larkana City, Ratodero"),
    _d("Peshawar", "PEW", P.KHYBER_PAKHTUNKHWA, 3, "Hayatabad, Gulbahar, Chamkani"),
    _d("Mardan", "MRD", P.KHYBER_PAKHTUNKHWA, 1.5, "Mardan City, Takht Bhai"),
    _d("Swat", "SWT", P.KHYBER_PAKHTUNKHWA, 1, "Mingora, Kabal"),
    _d("Kohat", "KHT", P.KHYBER_PAKHTUNKHWA, 1, "Kohat City, Lachi"),
    _d("Abbottabad", "ABT", P.KHYBER_PAKHTUNKHWA, 1, "Cantt Abbottabad, Havelian"),
    _d("Dera Ismail Khan", "DIK", P.KHYBER_PAKHTUNKHWA, 1, "Dera Ismail Khan City, Paharpur"),
    _d("Quetta", "UET", P.BALOCHISTAN, 1.5, "Satellite Town, Sariab"),
    _d("Kech", "KCH", P.BALOCHISTAN, 0.5, "Turbat City"),
    _d("Gwadar", "GWD", P.BALOCHISTAN, 0.3, "Gwadar City"),
    _d("Islamabad", "ISB", P.ISLAMABAD, 3, "Sabzi Mandi, Shalimar, Tarnol, Bhara Kahu"),
    _d("Gilgit", "GIL", P.GILGIT_BALTISTAN, 0.3, "Gilgit City"),
    _d("Mirpur", "MPR", P.AZAD_KASHMIR, 1, "Mirpur City, Dadyal"),
    _d("Muzaffarabad", "MZD", P.AZAD_KASHMIR, 0.5, "Muzaffarabad City"),
)
DISTRICT = {d.name: d for d in DISTRICTS}


@dataclass(frozen=True)
class Circle:
    """An FIA Anti-Human Trafficking Circle, in its zone, with the airport its migrants use."""

    code: str
    name: str
    zone: str
    district: str
    weight: float  # share of FIA cases
    airport: str


# zone code -> (name, province, district)
FIA_ZONES = {
    "FIA-LHR": ("FIA Lahore Zone", P.PUNJAB, "Lahore"),
    "FIA-GRW": ("FIA Gujranwala Zone", P.PUNJAB, "Gujranwala"),
    "FIA-FSD": ("FIA Faisalabad Zone", P.PUNJAB, "Faisalabad"),
    "FIA-MUX": ("FIA Multan Zone", P.PUNJAB, "Multan"),
    "FIA-ISB": ("FIA Islamabad Zone", P.ISLAMABAD, "Islamabad"),
    "FIA-KHI": ("FIA Karachi Zone", P.SINDH, "Karachi"),
    "FIA-PEW": ("FIA Peshawar Zone", P.KHYBER_PAKHTUNKHWA, "Peshawar"),
    "FIA-KHT": ("FIA Kohat Zone", P.KHYBER_PAKHTUNKHWA, "Kohat"),
    "FIA-UET": ("FIA Quetta Zone", P.BALOCHISTAN, "Quetta"),
}


def _c(code: str, zone: str, district: str, weight: float, airport: str) -> Circle:
    return Circle(code, f"FIA AHTC {district}", zone, district, weight, airport)


CIRCLES = (
    _c("FIA-AHTC-GRW", "FIA-GRW", "Gujranwala", 22, "SKT"),
    _c("FIA-AHTC-SKT", "FIA-GRW", "Sialkot", 10, "SKT"),
    _c("FIA-AHTC-GJT", "FIA-GRW", "Gujrat", 12, "SKT"),
    _c("FIA-AHTC-MBD", "FIA-GRW", "Mandi Bahauddin", 5, "LHE"),
    _c("FIA-AHTC-LHR", "FIA-LHR", "Lahore", 12, "LHE"),
    _c("FIA-AHTC-KSR", "FIA-LHR", "Kasur", 2, "LHE"),
    _c("FIA-AHTC-FSD", "FIA-FSD", "Faisalabad", 7, "LYP"),
    _c("FIA-AHTC-SGD", "FIA-FSD", "Sargodha", 3, "LYP"),
    _c("FIA-AHTC-MUX", "FIA-MUX", "Multan", 4, "MUX"),
    _c("FIA-AHTC-DGK", "FIA-MUX", "Dera Ghazi Khan", 2, "MUX"),
    _c("FIA-AHTC-ISB", "FIA-ISB", "Islamabad", 8, "ISB"),
    _c("FIA-AHTC-RWP", "FIA-ISB", "Rawalpindi", 5, "ISB"),
    _c("FIA-AHTC-MPR", "FIA-ISB", "Mirpur", 4, "ISB"),
    _c("FIA-AHTC-KHI", "FIA-KHI", "Karachi", 6, "KHI"),
    _c("FIA-AHTC-PEW", "FIA-PEW", "Peshawar", 4, "PEW"),
    _c("FIA-AHTC-MRD", "FIA-PEW", "Mardan", 2, "PEW"),
    _c("FIA-AHTC-KHT", "FIA-KHT", "Kohat", 3, "PEW"),
    _c("FIA-AHTC-UET", "FIA-UET", "Quetta", 3, "UET"),
    _c("FIA-AHTC-KCH", "FIA-UET", "Kech", 2, "UET"),
)

# IATA code -> (city, airport)
AIRPORTS = {
    "LHE": ("Lahore", "Allama Iqbal International Airport"),
    "ISB": ("Islamabad", "Islamabad International Airport"),
    "SKT": ("Sialkot", "Sialkot International Airport"),
    "KHI": ("Karachi", "Jinnah International Airport"),
    "PEW": ("Peshawar", "Bacha Khan International Airport"),
    "LYP": ("Faisalabad", "Faisalabad International Airport"),
    "MUX": ("Multan", "Multan International Airport"),
    "UET": ("Quetta", "Quetta International Airport"),
}

# A stop abroad: (city, ISO country code)
Stop = tuple[str, str]
GULF_HUBS: tuple[Stop, ...] = (("Dubai", "AE"), ("Doha", "QA"), ("Jeddah", "SA"))
# Routes to Europe after the first flight: (mode, from, to) legs
EUROPE_ROUTES: tuple[tuple[tuple[str, Stop, Stop], ...], ...] = (
    (
        ("air", ("Dubai", "AE"), ("Benghazi", "LY")),
        ("sea", ("Benghazi", "LY"), ("Lampedusa", "IT")),
    ),
    (
        ("air", ("Doha", "QA"), ("Benghazi", "LY")),
        ("land", ("Benghazi", "LY"), ("Tobruk", "LY")),
        ("sea", ("Tobruk", "LY"), ("Pylos", "GR")),
    ),
    (
        ("air", ("Jeddah", "SA"), ("Benghazi", "LY")),
        ("land", ("Benghazi", "LY"), ("Zuwara", "LY")),
        ("sea", ("Zuwara", "LY"), ("Sicily", "IT")),
    ),
    (("air", ("Dubai", "AE"), ("Baku", "AZ")), ("land", ("Baku", "AZ"), ("Warsaw", "PL"))),
)
# Overland from Balochistan: Taftan, Iran, Turkey, then the Aegean
IRAN_ROUTE: tuple[tuple[str, Stop, Stop], ...] = (
    ("land", ("Taftan", "PK"), ("Zahedan", "IR")),
    ("land", ("Zahedan", "IR"), ("Van", "TR")),
    ("land", ("Van", "TR"), ("Izmir", "TR")),
    ("sea", ("Izmir", "TR"), ("Lesbos", "GR")),
)
LABOUR_DESTINATIONS: tuple[Stop, ...] = (
    ("Riyadh", "SA"),
    ("Dubai", "AE"),
    ("Doha", "QA"),
    ("Muscat", "OM"),
    ("Kuala Lumpur", "MY"),
)
SEX_TRADE_DESTINATIONS: tuple[Stop, ...] = (("Dubai", "AE"), ("Muscat", "OM"), ("Manama", "BH"))
BRIDE_DESTINATIONS: tuple[Stop, ...] = (("Beijing", "CN"), ("Guangzhou", "CN"))
