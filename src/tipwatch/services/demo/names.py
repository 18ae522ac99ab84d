"""Invented people: names from common Pakistani name parts, CNICs and phones from demo ranges.

No real person is described. Every demo CNIC starts with 99999, which is no locality's code,
so no real CNIC can be produced; every demo phone number is in +92 399 xxxxxxx (written
0399-xxxxxxx), a mobile prefix no operator has (a possible number, never a valid one, to the
phonenumbers library). Both are unique per person, handed out in
order, so the same seed gives the same identifiers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

DEMO_CNIC_PREFIX = "99999"
DEMO_PHONE_PREFIX = "+92399"  # + seven digits: +92 399 xxxxxxx
DEMO_PHONE_CAPACITY = 10_000_000
IDENTITY_BLOCKS = 8  # the recurring cast, then 2019 to 2025


class Community(StrEnum):
    """Name pools: who tends to carry which names (bonded labourers are often Christian in
    Punjab and Hindu Kolhi, Bheel or Meghwar in Sindh)."""

    PUNJABI = "punjabi"
    SINDHI = "sindhi"
    PASHTUN = "pashtun"
    BALOCH = "baloch"
    CHRISTIAN = "christian"
    HINDU = "hindu"


_MALE = (
    "Muhammad Ahmed Ali Hassan Hussain Usman Bilal Imran Kamran Asif Tariq Zahid Shahid Naveed "
    "Waqas Adnan Faisal Irfan Arshad Javed Khalid Nadeem Rashid Sajid Tahir Umar Zubair Asad "
    "Hamza Saad Farhan Junaid Rizwan Shahzad Waseem Yasir Aamir Babar Danish Ehsan Haider Iqbal "
    "Jamil Latif Mansoor Noman Qasim Rafiq Sarfraz Shoaib Talha Zeeshan Akbar Anwar Aslam Akram "
    "Bashir Munir Nasir Sabir Younas Ramzan Sharif Abdullah Mehboob Nazir Sadiq Ghulam_Rasool "
    "Allah_Ditta Allah_Rakha Ghulam_Mustafa Abdul_Rehman Mushtaq Riaz Zafar Arif Saleem Khurram"
)
_FEMALE = (
    "Ayesha Fatima Zainab Maryam Amna Sana Hina Sadia Rabia Nadia Saima Shazia Asma Bushra Farah "
    "Iqra Kiran Mehwish Nida Rubina Samina Shabana Tahira Uzma Zahida Aqsa Anum Fozia Ghazala "
    "Humaira Kausar Lubna Naheed Nasreen Razia Rukhsana Sobia Sumaira Tasleem Yasmin Zubaida "
    "Noor Mahnoor Areeba Hafsa Khadija Sughran Naseem Rehana Shehnaz Mumtaz Jamila Salma"
)
_MALE_BY_COMMUNITY = {
    Community.PASHTUN: "Gul Khan Wali Zarin Sher Janan Rahim Amanullah Fazal Noor_Muhammad",
    Community.BALOCH: "Dad Baksh Murad Jan Hayat Dilawar Sohrab Lal_Baksh Qadir Karim",
    Community.SINDHI: "Ali_Nawaz Ghulam_Qadir Mumtaz_Ali Nabi_Bux Sikandar Imdad Allah_Bux",
    Community.CHRISTIAN: "Pervaiz Yousaf Emmanuel Sohail Yaqoob Boota Saleem Sunil Javed Shahid",
    Community.HINDU: "Ramesh Kishore Mohan Lal Bhagwan Prem Dilip Anil Shankar Hemo Kanji",
}
_FEMALE_BY_COMMUNITY = {
    Community.CHRISTIAN: "Parveen Shamim Naseem Rubina Sonia Saima Riffat Shazia Mariam Kiran",
    Community.HINDU: "Kavita Sita Radha Pooja Meena Lakshmi Kamla Shanti Durga Jamna",
}
_FAMILY = {
    Community.PUNJABI: (
        "Khan Butt Chaudhry Malik Qureshi Sheikh Mirza Awan Gujjar Rajput Arain Bhatti Cheema "
        "Warraich Virk Gondal Janjua Abbasi Siddiqui Ansari Hashmi Bukhari Gilani Shah Kazmi "
        "Naqvi Rizvi Jatt Dogar Sial"
    ),
    Community.SINDHI: "Memon Soomro Chandio Jatoi Magsi Shah Abro Bhutto Junejo Khoso Laghari",
    Community.PASHTUN: "Khan Yousafzai Afridi Khattak Mohmand Durrani Niazi Tareen Lodhi Shinwari",
    Community.BALOCH: "Baloch Bugti Marri Mengal Rind Jamali Zehri Lashari Raisani",
    Community.CHRISTIAN: "Masih Gill Sandhu Bhatti Sahotra Samuel Anjum",
    Community.HINDU: "Kolhi Bheel Meghwar Oad Bagri Kumar",
}


def _parts(words: str) -> tuple[str, ...]:
    return tuple(w.replace("_", " ") for w in words.split())


_OWN_NAMES_ONLY = (Community.CHRISTIAN, Community.HINDU)


def _given_names(general: str, own: dict[Community, str]) -> dict[Community, tuple[str, ...]]:
    """Muslim communities draw on the general pool and their own names; Christian and Hindu
    families on their own names only."""
    return {
        c: _parts(own.get(c, "")) if c in _OWN_NAMES_ONLY else _parts(f"{general} {own.get(c, '')}")
        for c in Community
    }


MALE = _given_names(_MALE, _MALE_BY_COMMUNITY)
FEMALE = _given_names(_FEMALE, _FEMALE_BY_COMMUNITY)
FAMILY = {c: _parts(words) for c, words in _FAMILY.items()}


@dataclass
class IdentityAllocator:
    """Hands out demo CNICs and phones in order: unique, reproducible, never a real one.

    Each block (0 for the recurring cast, then one per year) has its own serials, so a year's
    people get the same identifiers whatever was made before them.
    """

    next_cnic: int
    next_phone: int
    phone_end: int

    @classmethod
    def block(cls, n: int) -> IdentityAllocator:
        phones = DEMO_PHONE_CAPACITY // IDENTITY_BLOCKS
        return cls(n * 1_000_000 + 1, n * phones, (n + 1) * phones)

    def cnic(self, male: bool) -> str:
        serial, self.next_cnic = self.next_cnic, self.next_cnic + 1
        last = (serial % 5) * 2 + (1 if male else 2)  # odd for men, even for women
        return f"{DEMO_CNIC_PREFIX}{serial:07d}{last % 10}"

    def phone(self) -> str | None:
        """The next demo number, or None once the block is used up (never reused)."""
        if self.next_phone >= self.phone_end:
            return None
        number, self.next_phone = self.next_phone, self.next_phone + 1
        return f"{DEMO_PHONE_PREFIX}{number:07d}"


def given_name(rng: random.Random, community: Community, male: bool) -> str:
    return rng.choice(MALE[community] if male else FEMALE[community])


def family_name(rng: random.Random, community: Community) -> str:
    return rng.choice(FAMILY[community])


def full_name(rng: random.Random, community: Community, male: bool, family: str) -> str:
    given = given_name(rng, community, male)
    muslim = community not in _OWN_NAMES_ONLY
    if male and muslim and " " not in given and given != "Muhammad" and rng.random() < 0.25:
        given = f"Muhammad {given}"
    return f"{given} {family}"
