"""The open data: export.py writes the figure tables as CSV + datapackage.json; public.py the
same with small counts suppressed (public mode)."""
