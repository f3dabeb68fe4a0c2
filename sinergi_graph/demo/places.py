"""How the areas of the demo are named locally (kapanewon in DIY, distrik in Papua, …).

Examples
--------
>>> place = Place("34", "34.03")
>>> place.district, place.camat, place.village("34.03.07.2004")
('Kapanewon', 'Panewu', ('Kalurahan', 'LURAH', 'Lurah'))
>>> short_name("Kota Administrasi Jakarta Pusat"), province_label("33", "Jawa Tengah")
('Jakarta Pusat', 'Provinsi Jawa Tengah')
"""

from __future__ import annotations

from sinergi_graph.areas import is_kelurahan

__all__ = ["PAPUA", "Place", "plain", "province_label", "short_name"]

PAPUA = frozenset({"91", "92", "93", "94", "95", "96"})


class Place:
    """Local names of the levels of one province and regency."""

    __slots__ = ("aceh", "camat", "district", "ppk", "province")

    def __init__(self, province: str, regency: str) -> None:
        self.province = province
        self.aceh = province == "11"
        if province == "34":
            kota = regency == "34.71"
            self.district = "Kemantren" if kota else "Kapanewon"
            self.camat = "Mantri Pamong Praja" if kota else "Panewu"
        elif province in PAPUA:
            self.district, self.camat = "Distrik", "Kepala Distrik"
        else:
            self.district, self.camat = "Kecamatan", "Camat"
        self.ppk = "PPD" if province in PAPUA else "PPK"

    def village(self, code: str) -> tuple[str, str, str]:
        """(word for the village, kind of its head, title of its head)."""
        if self.province == "34":
            return ("Kalurahan" if code[9] == "2" else "Kelurahan"), "LURAH", "Lurah"
        if is_kelurahan(code):
            return "Kelurahan", "LURAH", "Lurah"
        if self.aceh:
            return "Gampong", "KADES", "Keuchik"
        if self.province in PAPUA:
            return "Kampung", "KADES", "Kepala Kampung"
        if self.province == "13":
            return "Nagari", "KADES", "Wali Nagari"
        if self.province == "51":
            return "Desa", "KADES", "Perbekel"
        return "Desa", "KADES", "Kepala Desa"


def short_name(regency_name: str) -> str:
    """``Kabupaten Temanggung`` → ``Temanggung``, ``Kota Administrasi X`` → ``X``."""
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if regency_name.startswith(prefix):
            return regency_name[len(prefix) :]
    return regency_name


def province_label(code: str, name: str) -> str:
    """How a province names itself (``Provinsi Jawa Tengah``, ``Daerah Istimewa …``, ``Aceh``)."""
    if code == "11":
        return name
    return name if name.startswith("Daerah ") else f"Provinsi {name}"


def plain(code: str) -> str:
    """An area code without dots, as it appears in the demo's ids."""
    return code.replace(".", "")
