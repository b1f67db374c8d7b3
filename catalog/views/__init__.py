"""Web views of the catalogue: search, standard detail, classification browsing."""

from catalog.views.browse import ccs_node, ccs_root, data_sources, ics_node, ics_root
from catalog.views.home import import_template
from catalog.views.search import export_csv, export_xlsx, search_page
from catalog.views.standards import standard_detail

__all__ = [
    "ccs_node",
    "ccs_root",
    "data_sources",
    "export_csv",
    "export_xlsx",
    "ics_node",
    "ics_root",
    "import_template",
    "search_page",
    "standard_detail",
]
