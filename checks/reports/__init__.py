"""Check reports: the xlsx export and the PDF report (查新报告)."""
