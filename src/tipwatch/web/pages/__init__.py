"""The pages, one module per area; each route parses the form, calls one service, renders."""
