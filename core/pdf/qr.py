"""QR codes as a matrix of modules, drawn as vector squares by either PDF renderer."""

from __future__ import annotations


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of a QR code for `data` (True = dark), without the quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(border=0, error_correction=ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()
