"""Static pools the demo draws from: names, places, charges, quotes and phrases.

The given names and surnames are common Armenian ones, each written in Armenian, in the
usual Latin transliteration and in Russian. Drawing a given name, a father's name and a
surname at random makes invented people; the demo never copies a real detainee.
The towns are real; the facilities carry generic labels marked "(demo label)".
"""

from __future__ import annotations

from dataclasses import dataclass

from casebook.vocab import (
    CoordinatePrecision,
    NameKind,
    NameLanguage,
    PlaceKind,
    Script,
    TriState,
)


@dataclass(frozen=True)
class GivenName:
    hy: str
    latn: str
    ru: str
    # A diminutive used by family and friends (an ALIAS), in Armenian and Latin.
    pet: tuple[str, str] | None = None


@dataclass(frozen=True)
class Surname:
    hy: str
    latn: str
    ru: str


MALE = (
    GivenName("Արմեն", "Armen", "Армен", ("Արմո", "Armo")),
    GivenName("Արամ", "Aram", "Арам"),
    GivenName("Արթուր", "Artur", "Артур", ("Արթո", "Arto")),
    GivenName("Աշոտ", "Ashot", "Ашот", ("Աշո", "Asho")),
    GivenName("Գագիկ", "Gagik", "Гагик"),
    GivenName("Գևորգ", "Gevorg", "Геворг", ("Գևո", "Gevo")),
    GivenName("Գրիգոր", "Grigor", "Григор", ("Գրիշա", "Grisha")),
    GivenName("Դավիթ", "Davit", "Давид", ("Դավո", "Davo")),
    GivenName("Էդգար", "Edgar", "Эдгар"),
    GivenName("Էրիկ", "Erik", "Эрик"),
    GivenName("Թաթուլ", "Tatul", "Татул"),
    GivenName("Կարեն", "Karen", "Карен", ("Կարո", "Karo")),
    GivenName("Հայկ", "Hayk", "Айк"),
    GivenName("Հովհաննես", "Hovhannes", "Ованнес", ("Հովո", "Hovo")),
    GivenName("Համլետ", "Hamlet", "Гамлет"),
    GivenName("Մհեր", "Mher", "Мгер"),
    GivenName("Ներսես", "Nerses", "Нерсес"),
    GivenName("Նարեկ", "Narek", "Нарек"),
    GivenName("Ռոբերտ", "Robert", "Роберт"),
    GivenName("Սամվել", "Samvel", "Самвел", ("Սամո", "Samo")),
    GivenName("Սարգիս", "Sargis", "Саргис", ("Սաքո", "Sako")),
    GivenName("Սերգեյ", "Sergey", "Сергей"),
    GivenName("Վահե", "Vahe", "Ваге"),
    GivenName("Վարդան", "Vardan", "Вардан", ("Վարդո", "Vardo")),
    GivenName("Տիգրան", "Tigran", "Тигран", ("Տիգո", "Tigo")),
    GivenName("Ռաֆայել", "Rafayel", "Рафаел"),
    GivenName("Սևակ", "Sevak", "Севак"),
    GivenName("Լևոն", "Levon", "Левон"),
    GivenName("Վիգեն", "Vigen", "Виген"),
    GivenName("Արսեն", "Arsen", "Арсен"),
    GivenName("Ալեքսան", "Aleksan", "Алексан"),
    GivenName("Մարտին", "Martin", "Мартин"),
    GivenName("Վալերի", "Valeri", "Валерий"),
    GivenName("Գոռ", "Gor", "Гор"),
    GivenName("Հրաչյա", "Hrachya", "Грачья"),
    GivenName("Ժիրայր", "Zhirayr", "Жирайр"),
    GivenName("Խաչիկ", "Khachik", "Хачик"),
    GivenName("Ղուկաս", "Ghukas", "Гукас"),
    GivenName("Վաղարշակ", "Vagharshak", "Вагаршак"),
    GivenName("Ռուբեն", "Ruben", "Рубен"),
)

FEMALE = (
    GivenName("Անահիտ", "Anahit", "Анаит"),
    GivenName("Մարիամ", "Mariam", "Мариам"),
    GivenName("Լուսինե", "Lusine", "Лусине"),
    GivenName("Գայանե", "Gayane", "Гаяне"),
    GivenName("Սիրանուշ", "Siranush", "Сирануш"),
    GivenName("Նարինե", "Narine", "Нарине"),
    GivenName("Աննա", "Anna", "Анна"),
    GivenName("Հասմիկ", "Hasmik", "Асмик"),
    GivenName("Արփինե", "Arpine", "Арпине"),
    GivenName("Ռուզաննա", "Ruzanna", "Рузанна"),
    GivenName("Շուշան", "Shushan", "Шушан"),
    GivenName("Զարուհի", "Zaruhi", "Заруи"),
    GivenName("Գոհար", "Gohar", "Гоар"),
    GivenName("Նունե", "Nune", "Нуне"),
)

SURNAMES = (
    Surname("Պետրոսյան", "Petrosyan", "Петросян"),
    Surname("Հովհաննիսյան", "Hovhannisyan", "Ованнисян"),
    Surname("Խաչատրյան", "Khachatryan", "Хачатрян"),
    Surname("Գրիգորյան", "Grigoryan", "Григорян"),
    Surname("Սարգսյան", "Sargsyan", "Саргсян"),
    Surname("Հարությունյան", "Harutyunyan", "Арутюнян"),
    Surname("Կարապետյան", "Karapetyan", "Карапетян"),
    Surname("Մկրտչյան", "Mkrtchyan", "Мкртчян"),
    Surname("Ավետիսյան", "Avetisyan", "Аветисян"),
    Surname("Գասպարյան", "Gasparyan", "Гаспарян"),
    Surname("Հակոբյան", "Hakobyan", "Акопян"),
    Surname("Վարդանյան", "Vardanyan", "Варданян"),
    Surname("Մարտիրոսյան", "Martirosyan", "Мартиросян"),
    Surname("Ստեփանյան", "Stepanyan", "Степанян"),
    Surname("Սահակյան", "Sahakyan", "Саакян"),
    Surname("Մանուկյան", "Manukyan", "Манукян"),
    Surname("Ղազարյան", "Ghazaryan", "Казарян"),
    Surname("Բաղդասարյան", "Baghdasaryan", "Багдасарян"),
    Surname("Գևորգյան", "Gevorgyan", "Геворгян"),
    Surname("Առաքելյան", "Arakelyan", "Аракелян"),
    Surname("Դավթյան", "Davtyan", "Давтян"),
    Surname("Մելքոնյան", "Melkonyan", "Мелконян"),
    Surname("Աբրահամյան", "Abrahamyan", "Абраамян"),
    Surname("Ալեքսանյան", "Aleksanyan", "Алексанян"),
    Surname("Ասատրյան", "Asatryan", "Асатрян"),
    Surname("Բաբայան", "Babayan", "Бабаян"),
    Surname("Եղիազարյան", "Yeghiazaryan", "Егиазарян"),
    Surname("Զաքարյան", "Zakaryan", "Закарян"),
    Surname("Թովմասյան", "Tovmasyan", "Товмасян"),
    Surname("Իսրայելյան", "Israyelyan", "Исраелян"),
    Surname("Կիրակոսյան", "Kirakosyan", "Киракосян"),
    Surname("Հայրապետյան", "Hayrapetyan", "Айрапетян"),
    Surname("Ղուկասյան", "Ghukasyan", "Гукасян"),
    Surname("Մանասյան", "Manasyan", "Манасян"),
    Surname("Միքայելյան", "Mikayelyan", "Микаелян"),
    Surname("Մովսիսյան", "Movsisyan", "Мовсисян"),
    Surname("Նազարյան", "Nazaryan", "Назарян"),
    Surname("Ներսիսյան", "Nersisyan", "Нерсисян"),
    Surname("Շահինյան", "Shahinyan", "Шагинян"),
    Surname("Ոսկանյան", "Voskanyan", "Восканян"),
    Surname("Պողոսյան", "Poghosyan", "Погосян"),
    Surname("Ջհանգիրյան", "Jhangiryan", "Джангирян"),
    Surname("Սիմոնյան", "Simonyan", "Симонян"),
    Surname("Սողոմոնյան", "Soghomonyan", "Согомонян"),
    Surname("Տեր-Պետրոսյան", "Ter-Petrosyan", "Тер-Петросян"),
    Surname("Օհանյան", "Ohanyan", "Оганян"),
    Surname("Ադամյան", "Adamyan", "Адамян"),
    Surname("Բարսեղյան", "Barseghyan", "Барсегян"),
    Surname("Գալստյան", "Galstyan", "Галстян"),
    Surname("Դանիելյան", "Danielyan", "Даниелян"),
    Surname("Եսայան", "Yesayan", "Есаян"),
    Surname("Թադևոսյան", "Tadevosyan", "Тадевосян"),
    Surname("Խաչիկյան", "Khachikyan", "Хачикян"),
    Surname("Հմայակյան", "Hmayakyan", "Амаякян"),
    Surname("Մաթևոսյան", "Matevosyan", "Матевосян"),
    Surname("Մնացականյան", "Mnatsakanyan", "Мнацаканян"),
    Surname("Շիրինյան", "Shirinyan", "Ширинян"),
    Surname("Չոբանյան", "Chobanyan", "Чобанян"),
    Surname("Պապոյան", "Papoyan", "Папоян"),
    Surname("Ռոստոմյան", "Rostomyan", "Ростомян"),
    Surname("Սաֆարյան", "Safaryan", "Сафарян"),
    Surname("Տոնոյան", "Tonoyan", "Тоноян"),
    Surname("Քոչարյան", "Kocharyan", "Кочарян"),
)

# Armenian letters as an Azerbaijani court clerk might spell them in Latin letters.
AZ_LATIN = {
    "ա": "a",
    "բ": "b",
    "գ": "q",
    "դ": "d",
    "ե": "e",
    "զ": "z",
    "է": "e",
    "ը": "ı",
    "թ": "t",
    "ժ": "j",
    "ի": "i",
    "լ": "l",
    "խ": "x",
    "ծ": "ts",
    "կ": "k",
    "հ": "h",
    "ձ": "dz",
    "ղ": "ğ",
    "ճ": "ç",
    "մ": "m",
    "յ": "y",
    "ն": "n",
    "շ": "ş",
    "ո": "o",
    "չ": "ç",
    "պ": "p",
    "ջ": "c",
    "ռ": "r",
    "ս": "s",
    "վ": "v",
    "տ": "t",
    "ր": "r",
    "ց": "ts",
    "ւ": "v",
    "փ": "p",
    "ք": "k",
    "օ": "o",
    "ֆ": "f",
    "-": "-",
}


def azerbaijani_spelling(armenian: str) -> str:
    """An Azerbaijani-Latin rendering of an Armenian name (how a court document spells it)."""
    words = []
    for word in armenian.split():
        text = word.lower().replace("ու", "u").replace("և", "ev")
        out = []
        for index, char in enumerate(text):
            if index == 0 and char == "ո":
                out.append("vo")
            elif index == 0 and char == "ե":
                out.append("ye")
            else:
                out.append(AZ_LATIN.get(char, ""))
        spelled = "".join(out)
        words.append(spelled[:1].upper() + spelled[1:])
    return " ".join(words)


@dataclass(frozen=True)
class PlaceSpec:
    key: str
    kind: PlaceKind
    name: str
    country: str | None
    region: str | None
    coordinates: tuple[float, float, CoordinatePrecision] | None
    parent: str | None
    # (text, script, language, kind)
    names: tuple[tuple[str, Script, NameLanguage, NameKind], ...]


A, L, C = Script.ARMN, Script.LATN, Script.CYRL
HY, HYL, RU, AZ, EN = (
    NameLanguage.HY,
    NameLanguage.HY_LATN,
    NameLanguage.RU,
    NameLanguage.AZ_LATN,
    NameLanguage.EN,
)
P, V = NameKind.PRIMARY, NameKind.VARIANT
SET, APX, EXA = (
    CoordinatePrecision.SETTLEMENT,
    CoordinatePrecision.APPROXIMATE,
    CoordinatePrecision.EXACT,
)
NK = "Nagorno-Karabakh"


def _town(
    key: str,
    name: str,
    country: str,
    region: str | None,
    lat: float,
    lon: float,
    hy: str,
    latn: str,
    ru: str,
    az: str | None = None,
    precision: CoordinatePrecision = SET,
) -> PlaceSpec:
    forms = [(hy, A, HY, P), (latn, L, HYL, V), (ru, C, RU, P)]
    if az:
        forms.append((az, L, AZ, V))
    return PlaceSpec(
        key, PlaceKind.SETTLEMENT, name, country, region, (lat, lon, precision), None, tuple(forms)
    )


def _site(
    key: str,
    kind: PlaceKind,
    name: str,
    parent: str | None,
    hy: str,
    ru: str | None,
    az: str | None,
    coordinates: tuple[float, float, CoordinatePrecision] | None = None,
    country: str = "AZ",
) -> PlaceSpec:
    forms = [(name, L, EN, P), (hy, A, HY, P)]
    if ru:
        forms.append((ru, C, RU, P))
    if az:
        forms.append((az, L, AZ, V))
    return PlaceSpec(key, kind, name, country, None, coordinates, parent, tuple(forms))


# fmt: off
PLACES: tuple[PlaceSpec, ...] = (
    _town("baku", "Baku", "AZ", "Absheron", 40.4093, 49.8671, "Բաքու", "Baku", "Баку", "Bakı"),
    _town("shushi", "Shushi (Shusha)", "AZ", NK, 39.7583, 46.7486, "Շուշի", "Shushi", "Шуши",
          "Şuşa"),
    _town("hadrut", "Hadrut", "AZ", NK, 39.5206, 47.0311, "Հադրութ", "Hadrut", "Гадрут",
          "Hadrut"),
    _town("khtsaberd", "Khtsaberd", "AZ", NK, 39.49, 46.99, "Խծաբերդ", "Khtsaberd", "Хцаберд",
          "Çaylaqqala", APX),
    _town("hin_tagher", "Hin Tagher", "AZ", NK, 39.51, 47.02, "Հին Թաղեր", "Hin Tagher",
          "Хин Тагер", "Köhnə Tağlar", APX),
    _town("stepanakert", "Stepanakert (Khankendi)", "AZ", NK, 39.8153, 46.7519, "Ստեփանակերտ",
          "Stepanakert", "Степанакерт", "Xankəndi"),
    _town("martuni", "Martuni (Khojavend)", "AZ", NK, 39.7953, 47.1136, "Մարտունի", "Martuni",
          "Мартуни", "Xocavənd"),
    _town("berdzor", "Berdzor (Lachin)", "AZ", NK, 39.6389, 46.5461, "Բերձոր", "Berdzor",
          "Бердзор", "Laçın"),
    _town("yerevan", "Yerevan", "AM", "Yerevan", 40.1772, 44.5035, "Երևան", "Yerevan", "Ереван"),
    _town("gyumri", "Gyumri", "AM", "Shirak", 40.7894, 43.8475, "Գյումրի", "Gyumri", "Гюмри"),
    _town("vanadzor", "Vanadzor", "AM", "Lori", 40.8128, 44.4883, "Վանաձոր", "Vanadzor",
          "Ванадзор"),
    _town("kapan", "Kapan", "AM", "Syunik", 39.2076, 46.4057, "Կապան", "Kapan", "Капан"),
    _town("goris", "Goris", "AM", "Syunik", 39.5111, 46.3411, "Գորիս", "Goris", "Горис"),
    _town("sisian", "Sisian", "AM", "Syunik", 39.5208, 46.0322, "Սիսիան", "Sisian", "Сисиан"),
    _site("hakari", PlaceKind.BORDER_POINT, "Hakari bridge checkpoint", "berdzor",
          "Հակարիի կամրջի անցակետ", "КПП на мосту Хакари", "Həkəri körpüsü keçid məntəqəsi",
          (39.45, 46.6, APX)),
    _site("border_crossing", PlaceKind.BORDER_POINT,
          "Armenia-Azerbaijan border, handover point (demo label)", None,
          "Հայաստան-Ադրբեջան սահման, հանձնման կետ",
          "Пункт передачи на армяно-азербайджанской границе", None, country="AM"),
    _site("site_khtsaberd", PlaceKind.CAPTURE_SITE, "Khtsaberd, village outskirts", "khtsaberd",
          "Խծաբերդի ծայրամաս", "Окраина Хцаберда", None),
    _site("site_hin_tagher", PlaceKind.CAPTURE_SITE, "Hin Tagher, forest road", "hin_tagher",
          "Հին Թաղեր, անտառային ճանապարհ", "Хин Тагер, лесная дорога", None),
    _site("site_shushi", PlaceKind.CAPTURE_SITE, "Shushi, southern approaches", "shushi",
          "Շուշիի հարավային մատույցներ", "Южные подступы к Шуши", None),
    _site("site_hadrut", PlaceKind.CAPTURE_SITE, "Hadrut, town centre", "hadrut",
          "Հադրութի կենտրոն", "Центр Гадрута", None),
    _site("site_stepanakert", PlaceKind.CAPTURE_SITE, "Stepanakert, northern outskirts",
          "stepanakert", "Ստեփանակերտի հյուսիսային ծայրամաս", "Северная окраина Степанакерта",
          None),
    _site("sss_baku", PlaceKind.SECURITY_SERVICE,
          "State Security Service investigative detention facility, Baku", "baku",
          "Պետական անվտանգության ծառայության քննչական մեկուսարան, Բաքու",
          "Следственный изолятор Службы государственной безопасности, Баку",
          "Dövlət Təhlükəsizliyi Xidmətinin İstintaq Təcridxanası, Bakı"),
    _site("pretrial_1", PlaceKind.PRETRIAL, "Baku pre-trial detention facility No. 1", "baku",
          "Բաքվի թիվ 1 քննչական մեկուսարան", "Бакинский следственный изолятор № 1",
          "Bakı 1 saylı İstintaq Təcridxanası"),
    _site("military_police", PlaceKind.MILITARY_BASE,
          "Military police detention site, Baku (demo label)", "baku",
          "Ռազմական ոստիկանության պահման վայր, Բաքու", "Гауптвахта военной полиции, Баку",
          "Hərbi polisin saxlama yeri, Bakı"),
    _site("prison", PlaceKind.PRISON, "Penitentiary institution, Baku region (demo label)",
          "baku", "Քրեակատարողական հիմնարկ, Բաքու", "Исправительное учреждение, Баку",
          "Cəzaçəkmə müəssisəsi, Bakı"),
    _site("hospital", PlaceKind.HOSPITAL, "Military hospital, Baku (demo label)", "baku",
          "Զինվորական հոսպիտալ, Բաքու", "Военный госпиталь, Баку", "Hərbi hospital, Bakı"),
    _site("police_shushi", PlaceKind.POLICE, "Police station, Shushi district (demo label)",
          "shushi", "Շուշիի շրջանի ոստիկանության բաժին", "Отдел полиции Шушинского района",
          "Şuşa rayon polis şöbəsi"),
    _site("base_hadrut", PlaceKind.MILITARY_BASE, "Military position near Hadrut (demo label)",
          "hadrut", "Ռազմական դիրք Հադրութի մոտ", "Военная позиция у Гадрута", None),
    _site("military_court", PlaceKind.COURT, "Baku Military Court", "baku",
          "Բաքվի զինվորական դատարան", "Бакинский военный суд", "Bakı Hərbi Məhkəməsi"),
    _site("grave_crimes_court", PlaceKind.COURT, "Baku Grave Crimes Court", "baku",
          "Բաքվի ծանր հանցագործությունների դատարան", "Бакинский суд по тяжким преступлениям",
          "Bakı Ağır Cinayətlər Məhkəməsi"),
    _site("appeal_court", PlaceKind.COURT, "Baku Court of Appeal", "baku",
          "Բաքվի վերաքննիչ դատարան", "Бакинский апелляционный суд",
          "Bakı Apellyasiya Məhkəməsi"),
    _site("supreme_court", PlaceKind.COURT, "Supreme Court of Azerbaijan", "baku",
          "Ադրբեջանի Հանրապետության գերագույն դատարան",
          "Верховный суд Азербайджанской Республики",
          "Azərbaycan Respublikasının Ali Məhkəməsi"),
    _site("cathedral", PlaceKind.HERITAGE_SITE, "Ghazanchetsots Cathedral, Shushi", "shushi",
          "Ղազանչեցոց Սուրբ Ամենափրկիչ եկեղեցի", "Собор Газанчецоц", "Qazançı kilsəsi",
          (39.7592, 46.75, EXA)),
    _site("other_site", PlaceKind.OTHER, "Unspecified location in Baku (as reported)", "baku",
          "Անհայտ վայր Բաքվում", "Неустановленное место в Баку", None),
)
# fmt: on

BIRTH_PLACES_SOLDIER = ("yerevan", "gyumri", "vanadzor", "kapan", "goris", "sisian")
BIRTH_PLACES_CIVILIAN = ("hadrut", "shushi", "stepanakert", "martuni", "hin_tagher", "khtsaberd")
CAPTURE_SITES_2020 = ("site_khtsaberd", "site_hin_tagher", "site_shushi", "site_hadrut")
CAPTURE_SITES_2023 = ("hakari", "site_stepanakert", "martuni")
DETENTION_SITES = ("sss_baku", "pretrial_1", "military_police", "prison")
FIRST_COURTS = ("military_court", "grave_crimes_court")

STATUTE = "Criminal Code of the Republic of Azerbaijan"
# (article, text as charged in Azerbaijani, English, concerns conduct before capture)
CHARGES: tuple[tuple[str, str, str, TriState], ...] = (
    (
        "279.1",
        "Qanunla nəzərdə tutulmamış silahlı birləşmələrin və ya qrupların yaradılması",
        "Creation of armed formations or groups not provided for by law",
        TriState.NO,
    ),
    (
        "214.2.1",
        "Terrorçuluq, qabaqcadan əlbir olan bir qrup şəxs tərəfindən törədildikdə",
        "Terrorism committed by a group of persons in prior conspiracy",
        TriState.NO,
    ),
    (
        "318.2",
        "Dövlət sərhədini qanunsuz keçmə, qabaqcadan əlbir olan bir qrup şəxs tərəfindən",
        "Illegal crossing of the state border by a group of persons in prior conspiracy",
        TriState.NO,
    ),
    (
        "228.2",
        "Qanunsuz olaraq odlu silah və döyüş sursatı əldə etmə, saxlama, gəzdirmə",
        "Illegal acquisition, possession or carrying of firearms and ammunition",
        TriState.NO,
    ),
    (
        "100.2",
        "Təcavüzkar müharibənin aparılması",
        "Waging a war of aggression",
        TriState.YES,
    ),
    (
        "116.0.1",
        "Silahlı münaqişə zamanı beynəlxalq humanitar hüquq normalarının pozulması",
        "Violation of international humanitarian law during armed conflict",
        TriState.YES,
    ),
    (
        "120.2.1",
        "Qəsdən adam öldürmə, bir qrup şəxs tərəfindən törədildikdə",
        "Premeditated murder committed by a group of persons",
        TriState.YES,
    ),
)
POW_CHARGES = (0, 2, 3, 1)
CIVILIAN_CHARGES = (2, 3, 1, 0)
LEADER_CHARGES = (4, 5, 6, 1, 0)

RANKS = (
    ("Private", 40),
    ("Junior sergeant", 15),
    ("Sergeant", 15),
    ("Senior sergeant", 8),
    ("Lieutenant", 8),
    ("Senior lieutenant", 6),
    ("Captain", 5),
    ("Major", 3),
)
ARMED_FORCES = ("Armed Forces of Armenia", "Defence Army (Nagorno-Karabakh)")
OCCUPATIONS = (
    "farmer",
    "driver",
    "retired teacher",
    "construction worker",
    "shepherd",
    "student",
    "nurse",
    "electrician",
    "former local official",
    "shop assistant",
)
CAPTURING_FORCES_2020 = (
    "Azerbaijani armed forces (unit not identified)",
    "Azerbaijani special forces (as described by witnesses)",
    "Azerbaijani reconnaissance unit (as reported)",
)
CAPTURING_FORCES_2023 = (
    "Azerbaijani border service at the Hakari checkpoint",
    "State Security Service officers",
    "Azerbaijani armed forces (unit not identified)",
)
PERPETRATOR_UNITS = (
    "Unidentified servicemen of the Azerbaijani armed forces (seen in video)",
    "Military police guards (unidentified)",
    "State Security Service investigators (unidentified)",
    "Penitentiary Service staff (unidentified)",
    "Special forces unit described by the victim (unidentified)",
    "Unidentified interrogators",
)
CUSTODIANS = {
    "sss_baku": "State Security Service (as reported)",
    "pretrial_1": "Penitentiary Service (as reported)",
    "military_police": "Military police (as reported)",
    "prison": "Penitentiary Service (as reported)",
    "hospital": "Military medical service (as reported)",
}
TORTURE_METHODS = (
    "beatings with batons and rifle butts",
    "electric shocks",
    "stress positions for hours",
    "deprivation of sleep",
    "mock execution",
    "beatings on the soles of the feet",
    "being forced to kiss the Azerbaijani flag on camera",
)

# Quotes by language and theme: (BCP 47 tag, theme, quote, English translation or None).
QUOTES: tuple[tuple[str, str, str, str | None], ...] = (
    (
        "hy",
        "abuse",
        "Մեզ ամեն օր ծեծում էին հարցաքննությունների ժամանակ։",
        "They beat us every day during the interrogations.",
    ),
    (
        "hy",
        "detention",
        "Նրան պահում էին առանձին խցում՝ առանց կապի ընտանիքի հետ։",
        "He was held in a separate cell, without any contact with his family.",
    ),
    (
        "hy",
        "icrc",
        "Կարմիր խաչի աշխատակիցները մեզ այցելեցին միայն երկու ամիս անց։",
        "Red Cross staff visited us only two months later.",
    ),
    (
        "hy",
        "trial",
        "Դատարանում նա կարդաց նախապես գրված տեքստ։",
        "In court he read out a text written in advance.",
    ),
    (
        "hy",
        "missing",
        "Վերջին անգամ նրան տեսել ենք տեսանյութում, երբ գերի էին վերցնում։",
        "We last saw him in a video, when he was being taken prisoner.",
    ),
    (
        "hy",
        "family",
        "Նրան թույլ չէին տալիս զանգահարել ընտանիքին։",
        "He was not allowed to call his family.",
    ),
    (
        "ru",
        "detention",
        "Его допрашивали без адвоката в течение трёх недель.",
        "He was questioned without a lawyer for three weeks.",
    ),
    (
        "ru",
        "trial",
        "Подсудимый находился в стеклянном боксе в течение всего заседания.",
        "The defendant was kept in a glass box throughout the hearing.",
    ),
    (
        "ru",
        "trial",
        "Переводчик переводил лишь отдельные фрагменты выступлений.",
        "The interpreter translated only fragments of the statements.",
    ),
    (
        "ru",
        "abuse",
        "Адвокат встретился с подзащитным лишь однажды, в присутствии охраны.",
        "The lawyer met his client only once, with guards present.",
    ),
    (
        "az-Latn",
        "trial",
        "Təqsirləndirilən şəxs ifadəsində təqsirini etiraf etmişdir.",
        "In his statement the accused admitted his guilt.",
    ),
    (
        "az-Latn",
        "trial",
        "Məhkəmə iclası qapalı keçirilmişdir.",
        "The court session was held behind closed doors.",
    ),
    (
        "az-Latn",
        "icrc",
        "Saxlanılan şəxslər barədə məlumat Beynəlxalq Qırmızı Xaç Komitəsinə verilmişdir.",
        "Information on the detained persons was given to the International Committee of the "
        "Red Cross.",
    ),
    (
        "az-Latn",
        "detention",
        "Şəxs cinayət məsuliyyətinə cəlb edilmişdir.",
        "The person has been prosecuted.",
    ),
    (
        "en",
        "detention",
        "The Court decided to indicate interim measures under Rule 39 of the Rules of Court.",
        None,
    ),
    (
        "en",
        "abuse",
        "Detainees described beatings during the first weeks of their detention.",
        None,
    ),
    ("en", "icrc", "The ICRC delegation visited the detainee and registered him.", None),
    ("en", "missing", "The authorities stated that they could not identify the person.", None),
)

SECTIONS = (
    "upper-left quadrant",
    "frame 2 of 4",
    "annotated area A",
    "centre of the image",
    "lower-right quadrant",
)

RATIONALES: dict[str, tuple[str, str]] = {
    # guarantee: (finding key, rationale)
    "G01": (
        "VIOLATED",
        "A military court of the detaining state tried an enemy combatant; "
        "judges are not independent of the executive (demo rationale).",
    ),
    "G02": (
        "PARTLY",
        "Hearings were closed to foreign observers; only state media filmed "
        "excerpts (demo rationale).",
    ),
    "G03": (
        "VIOLATED",
        "The defendant was kept in a glass box and officials called him a "
        "terrorist before the verdict (demo rationale).",
    ),
    "G04": (
        "PARTLY",
        "The indictment was served in Azerbaijani only, with partial oral "
        "translation (demo rationale).",
    ),
    "G05": (
        "VIOLATED",
        "Counsel met the defendant once, in the presence of guards (demo rationale).",
    ),
    "G06": (
        "NO_INFORMATION",
        "No information on the length of the investigation (demo rationale).",
    ),
    "G07": (
        "VIOLATED",
        "Only state-appointed counsel was allowed; a lawyer engaged by the "
        "family was refused access (demo rationale).",
    ),
    "G08": ("PARTLY", "The defence could not call witnesses from Armenia (demo rationale)."),
    "G09": (
        "PARTLY",
        "The interpreter translated only parts of the proceedings into Russian (demo rationale).",
    ),
    "G10": (
        "VIOLATED",
        "A video 'confession' recorded during incommunicado detention was "
        "admitted as evidence (demo rationale).",
    ),
    "G11": (
        "PARTLY",
        "An appeal was heard, in a hearing that lasted twenty minutes (demo rationale).",
    ),
    "G12": (
        "NOT_APPLICABLE",
        "No earlier prosecution for the same acts is known (demo rationale).",
    ),
    "G13": (
        "VIOLATED",
        "The charges apply current provisions to conduct long before the capture (demo rationale).",
    ),
    "G14": (
        "VIOLATED",
        "Neither the ICRC nor a Protecting Power was notified before the trial (demo rationale).",
    ),
    "G15": (
        "VIOLATED",
        "Prosecuted for taking part in hostilities, which combatant "
        "immunity covers (demo rationale).",
    ),
}
# The guarantees assessed for each trial outside the first cluster (which assesses all 15).
CORE_GUARANTEES = ("G01", "G07", "G10", "G15")
