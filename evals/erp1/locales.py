"""The companies, customers and goods evals/erp1 records in Tryton, per language Tryton ships a translation
of its invoice report in: the country whose companies write in it, its currency, VAT rates and the name its
invoices give the tax, legal forms, streets, towns with their postcodes, and goods. Everything a page says
besides these words — labels, number and date formats, the address layout — is Tryton's own (its
translations, its ``ir.lang`` formats, its address formats per country)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Loc:
    lang: str
    """Tryton's language code (the party's language: the report's language)."""
    country: str
    country_name: str
    currency: str
    symbol: str
    rates: tuple[str, ...]
    tax_name: str
    vat_type: str | None
    """Tryton's identifier type for the company's tax id (None: no tax id Tryton validates)."""
    legal: tuple[str, ...]
    stems: tuple[str, ...]
    streets: tuple[str, ...]
    towns: tuple[tuple[str, str], ...]
    goods: tuple[str, ...]
    register: str
    """The commercial register line a company prints in its footer ({n}: its number, {city})."""


LOCALES: dict[str, Loc] = {
    "de": Loc("de", "DE", "Germany", "EUR", "€", ("19", "7"), "USt.", "eu_vat", ("GmbH", "AG", "GmbH & Co. KG", "e.K."),
              ("Brenner", "Hofmann Werkzeug", "Nordlicht Medien", "Weber & Söhne", "Alpenblick Logistik"),
              ("Hauptstraße {n}", "Industriestr. {n}", "Am Mühlbach {n}", "Lindenallee {n}"),
              (("10115", "Berlin"), ("80331", "München"), ("50667", "Köln"), ("04109", "Leipzig")),
              ("Sechskantschrauben M8 verzinkt", "Wartungsvertrag Heizungsanlage", "Kopierpapier A4 80 g",
               "Montagearbeiten Stunde", "Schutzhandschuhe Größe 9", "Kabelkanal 40 x 60 mm", "Fahrtkostenpauschale"),
              "Amtsgericht {city} HRB {n}"),
    "fr": Loc("fr", "FR", "France", "EUR", "€", ("20", "10", "5.5"), "TVA", "eu_vat", ("SARL", "SAS", "SA", "EURL"),
              ("Durand", "Atelier Lumière", "Boulangerie du Port", "Transports Lefèvre", "Cabinet Moreau"),
              ("{n} rue de la République", "{n} avenue Jean Jaurès", "{n} boulevard Voltaire", "{n} chemin des Vignes"),
              (("75011", "Paris"), ("69003", "Lyon"), ("33000", "Bordeaux"), ("44000", "Nantes")),
              ("Vis à bois 4 x 40 mm", "Contrat de maintenance annuel", "Ramette papier A4", "Heure de main d'œuvre",
               "Gants de protection", "Frais de livraison", "Câble électrique 2,5 mm²"),
              "RCS {city} B {n}"),
    "es": Loc("es", "ES", "Spain", "EUR", "€", ("21", "10", "4"), "IVA", "eu_vat", ("S.L.", "S.A.", "S.L.U."),
              ("García", "Talleres Mediterráneo", "Distribuciones Sol", "Construcciones Ibéricas", "Ferretería Centro"),
              ("Calle Mayor {n}", "Avenida de la Constitución {n}", "Calle del Olmo {n}", "Paseo de Gracia {n}"),
              (("28013", "Madrid"), ("41001", "Sevilla"), ("46002", "Valencia"), ("50001", "Zaragoza")),
              ("Tornillos hexagonales M8", "Servicio de mantenimiento", "Papel de impresora A4", "Hora de mano de obra",
               "Guantes de seguridad", "Gastos de envío", "Tubo de cobre 15 mm"),
              "Registro Mercantil de {city}, hoja {n}"),
    "ca": Loc("ca", "ES", "Spain", "EUR", "€", ("21", "10"), "IVA", "eu_vat", ("S.L.", "S.A."),
              ("Puig", "Tallers del Vallès", "Distribucions Costa", "Fusteria Pujol", "Serveis Montseny"),
              ("Carrer Major {n}", "Passeig de Sant Joan {n}", "Carrer de la Font {n}", "Rambla Nova {n}"),
              (("08001", "Barcelona"), ("17001", "Girona"), ("25001", "Lleida"), ("43001", "Tarragona")),
              ("Cargols hexagonals M8", "Servei de manteniment", "Paper per a impressora A4", "Hora de mà d'obra",
               "Guants de seguretat", "Despeses d'enviament", "Cable elèctric 2,5 mm"),
              "Registre Mercantil de {city}, full {n}"),
    "it": Loc("it", "IT", "Italy", "EUR", "€", ("22", "10", "4"), "IVA", "eu_vat", ("S.r.l.", "S.p.A.", "S.n.c."),
              ("Rossi", "Officine Bianchi", "Tipografia Moderna", "Trasporti Colombo", "Studio Ferrari"),
              ("Via Roma {n}", "Corso Garibaldi {n}", "Via dei Mille {n}", "Piazza della Libertà {n}"),
              (("20121", "Milano"), ("00184", "Roma"), ("10121", "Torino"), ("40121", "Bologna")),
              ("Viti esagonali M8 zincate", "Contratto di assistenza", "Carta per fotocopie A4", "Ora di manodopera",
               "Guanti da lavoro", "Spese di trasporto", "Tubo in rame 15 mm"),
              "REA {city} {n}"),
    "nl": Loc("nl", "NL", "Netherlands", "EUR", "€", ("21", "9"), "BTW", "eu_vat", ("B.V.", "N.V.", "V.O.F."),
              ("De Vries", "Bakker Techniek", "Van Dijk Installaties", "Molenaar Logistiek", "Jansen Drukwerk"),
              ("Dorpsstraat {n}", "Kerkweg {n}", "Stationsplein {n}", "Industrieweg {n}"),
              (("1012 AB", "Amsterdam"), ("3011 BD", "Rotterdam"), ("3511 LX", "Utrecht"), ("9711 AA", "Groningen")),
              ("Zeskantbouten M8 verzinkt", "Onderhoudscontract", "Printpapier A4", "Arbeidsuur monteur",
               "Werkhandschoenen", "Verzendkosten", "Koperen buis 15 mm"),
              "KvK {n}"),
    "pt": Loc("pt", "PT", "Portugal", "EUR", "€", ("23", "13", "6"), "IVA", "eu_vat", ("Lda.", "S.A.", "Unipessoal Lda."),
              ("Silva", "Ferragens do Norte", "Gráfica Atlântico", "Transportes Sousa", "Oficina Costa"),
              ("Rua Augusta {n}", "Avenida da Liberdade {n}", "Rua de Santa Catarina {n}", "Travessa do Carmo {n}"),
              (("1100-048", "Lisboa"), ("4000-322", "Porto"), ("3000-150", "Coimbra"), ("8000-079", "Faro")),
              ("Parafusos sextavados M8", "Contrato de manutenção", "Papel para impressora A4", "Hora de mão de obra",
               "Luvas de proteção", "Portes de envio", "Tubo de cobre 15 mm"),
              "Conservatória do Registo Comercial de {city} n.º {n}"),
    "pl": Loc("pl", "PL", "Poland", "PLN", "zł", ("23", "8", "5"), "VAT", "eu_vat", ("sp. z o.o.", "S.A.", "sp.j."),
              ("Nowak", "Kowalski Serwis", "Drukarnia Wisła", "Transport Zieliński", "Mazur Instalacje"),
              ("ul. Marszałkowska {n}", "ul. Długa {n}", "al. Jana Pawła II {n}", "ul. Polna {n}"),
              (("00-001", "Warszawa"), ("30-001", "Kraków"), ("80-001", "Gdańsk"), ("50-001", "Wrocław")),
              ("Śruby sześciokątne M8", "Umowa serwisowa", "Papier do drukarki A4", "Roboczogodzina montera",
               "Rękawice ochronne", "Koszty transportu", "Rura miedziana 15 mm"),
              "KRS {n}, Sąd Rejonowy {city}"),
    "cs": Loc("cs", "CZ", "Czechia", "CZK", "Kč", ("21", "12"), "DPH", "eu_vat", ("s.r.o.", "a.s.", "v.o.s."),
              ("Novák", "Dvořák Technik", "Tiskárna Vltava", "Doprava Svoboda", "Černý Stavby"),
              ("Národní {n}", "Vinohradská {n}", "Masarykova {n}", "Husova {n}"),
              (("110 00", "Praha"), ("602 00", "Brno"), ("301 00", "Plzeň"), ("779 00", "Olomouc")),
              ("Šrouby šestihranné M8", "Servisní smlouva", "Kancelářský papír A4", "Hodina montáže",
               "Ochranné rukavice", "Dopravné", "Měděná trubka 15 mm"),
              "Spisová značka C {n} vedená u Městského soudu v {city}"),
    "sl": Loc("sl", "SI", "Slovenia", "EUR", "€", ("22", "9.5"), "DDV", "eu_vat", ("d.o.o.", "d.d.", "s.p."),
              ("Novak", "Horvat Tehnika", "Tiskarna Sava", "Prevozi Kranjc", "Zupan Gradnje"),
              ("Slovenska cesta {n}", "Trubarjeva ulica {n}", "Cankarjeva ulica {n}", "Prešernova cesta {n}"),
              (("1000", "Ljubljana"), ("2000", "Maribor"), ("3000", "Celje"), ("4000", "Kranj")),
              ("Šestrobi vijaki M8", "Pogodba o vzdrževanju", "Papir za tiskalnik A4", "Ura dela monterja",
               "Zaščitne rokavice", "Stroški dostave", "Bakrena cev 15 mm"),
              "Okrožno sodišče v {city}, vložna št. {n}"),
    "fi": Loc("fi", "FI", "Finland", "EUR", "€", ("25.5", "14", "10"), "ALV", "eu_vat", ("Oy", "Oyj", "Ky"),
              ("Virtanen", "Korhonen Tekniikka", "Mäkinen Kuljetus", "Nieminen Paino", "Järvi Rakennus"),
              ("Mannerheimintie {n}", "Hämeenkatu {n}", "Kauppakatu {n}", "Rantatie {n}"),
              (("00100", "Helsinki"), ("33100", "Tampere"), ("20100", "Turku"), ("90100", "Oulu")),
              ("Kuusioruuvit M8 sinkitty", "Huoltosopimus", "Tulostuspaperi A4", "Asennustyö tunti",
               "Suojakäsineet", "Toimituskulut", "Kupariputki 15 mm"),
              "Y-tunnus {n}, kotipaikka {city}"),
    "hu": Loc("hu", "HU", "Hungary", "HUF", "Ft", ("27", "18", "5"), "ÁFA", "eu_vat", ("Kft.", "Zrt.", "Bt."),
              ("Nagy", "Kovács Technika", "Tóth Nyomda", "Szabó Szállítás", "Horváth Építő"),
              ("Andrássy út {n}", "Fő utca {n}", "Kossuth Lajos utca {n}", "Petőfi Sándor utca {n}"),
              (("1061", "Budapest"), ("4025", "Debrecen"), ("6720", "Szeged"), ("7621", "Pécs")),
              ("Hatlapfejű csavar M8", "Karbantartási szerződés", "Fénymásolópapír A4", "Szerelési munkaóra",
               "Védőkesztyű", "Szállítási díj", "Rézcső 15 mm"),
              "Cégjegyzékszám: 01-09-{n}, {city}"),
    "ro": Loc("ro", "RO", "Romania", "RON", "lei", ("19", "9", "5"), "TVA", "eu_vat", ("S.R.L.", "S.A."),
              ("Popescu", "Ionescu Tehnic", "Tipografia Carpați", "Transporturi Dumitru", "Stanciu Construct"),
              ("Strada Victoriei {n}", "Bulevardul Unirii {n}", "Strada Libertății {n}", "Calea Dorobanților {n}"),
              (("010061", "București"), ("400001", "Cluj-Napoca"), ("700001", "Iași"), ("300001", "Timișoara")),
              ("Șuruburi hexagonale M8", "Contract de mentenanță", "Hârtie copiator A4", "Oră de manoperă",
               "Mănuși de protecție", "Cheltuieli de transport", "Țeavă de cupru 15 mm"),
              "Nr. Reg. Com. J40/{n}, {city}"),
    "lt": Loc("lt", "LT", "Lithuania", "EUR", "€", ("21", "9"), "PVM", "eu_vat", ("UAB", "AB", "MB"),
              ("Kazlauskas", "Petraičio technika", "Baltijos spauda", "Jonaitis ir partneriai", "Vilniaus logistika"),
              ("Gedimino pr. {n}", "Laisvės al. {n}", "Vilniaus g. {n}", "Pilies g. {n}"),
              (("01103", "Vilnius"), ("44280", "Kaunas"), ("92001", "Klaipėda"), ("76001", "Šiauliai")),
              ("Šešiakampiai varžtai M8", "Priežiūros sutartis", "Spausdinimo popierius A4", "Montavimo darbo valanda",
               "Apsauginės pirštinės", "Pristatymo išlaidos", "Varinis vamzdis 15 mm"),
              "Juridinių asmenų registras, kodas {n}, {city}"),
    "bg": Loc("bg", "BG", "Bulgaria", "BGN", "лв.", ("20", "9"), "ДДС", "eu_vat", ("ООД", "ЕООД", "АД"),
              ("Иванов", "Петров Техник", "Печатница Витоша", "Транспорт Георгиев", "Димитров Строй"),
              ("ул. Витоша {n}", "бул. България {n}", "ул. Раковски {n}", "бул. Цар Освободител {n}"),
              (("1000", "София"), ("4000", "Пловдив"), ("9000", "Варна"), ("8000", "Бургас")),
              ("Шестостенни болтове M8", "Договор за поддръжка", "Копирна хартия A4", "Час монтажен труд",
               "Предпазни ръкавици", "Разходи за доставка", "Медна тръба 15 мм"),
              "ЕИК {n}, {city}"),
    "ru": Loc("ru", "RU", "Russia", "RUB", "₽", ("20", "10"), "НДС", "ru_vat", ("ООО", "АО", "ПАО"),
              ("Иванов", "Север Техника", "Типография Волга", "Транспорт Сибирь", "Уралстрой"),
              ("ул. Тверская, д. {n}", "пр. Мира, д. {n}", "ул. Ленина, д. {n}", "Невский пр., д. {n}"),
              (("125009", "Москва"), ("190000", "Санкт-Петербург"), ("620014", "Екатеринбург"), ("420111", "Казань")),
              ("Болты шестигранные M8", "Договор на обслуживание", "Бумага для принтера A4", "Час монтажных работ",
               "Защитные перчатки", "Доставка", "Медная труба 15 мм"),
              "ОГРН {n}, {city}"),
    "en": Loc("en", "GB", "United Kingdom", "GBP", "£", ("20", "5"), "VAT", "gb_vat", ("Ltd", "PLC", "LLP"),
              ("Harrison", "Thames Engineering", "Northgate Print", "Carter & Sons", "Highland Logistics"),
              ("{n} High Street", "{n} Station Road", "{n} Church Lane", "{n} Victoria Road"),
              (("M1 1AE", "Manchester"), ("LS1 4DY", "Leeds"), ("BS1 5TR", "Bristol"), ("EH1 1YZ", "Edinburgh")),
              ("Hex bolts M8 zinc plated", "Annual maintenance contract", "Copier paper A4 80gsm", "Labour per hour",
               "Safety gloves size 9", "Delivery charge", "Copper pipe 15mm"),
              "Registered in England and Wales No. {n}"),
    "et": Loc("et", "EE", "Estonia", "EUR", "€", ("24", "9"), "KM", "eu_vat", ("OÜ", "AS", "TÜ"),
              ("Tamm", "Saar Tehnika", "Kask Trükikoda", "Mägi Logistika", "Rebane Ehitus"),
              ("Narva mnt {n}", "Pärnu mnt {n}", "Tartu mnt {n}", "Rüütli tn {n}"),
              (("10117", "Tallinn"), ("51004", "Tartu"), ("80010", "Pärnu"), ("20308", "Narva")),
              ("Kuuskantpoldid M8", "Hooldusleping", "Printeripaber A4", "Paigaldustöö tund",
               "Kaitsekindad", "Transpordikulu", "Vasktoru 15 mm"),
              "Registrikood {n}, {city}"),
    "tr": Loc("tr", "TR", "Türkiye", "TRY", "₺", ("20", "10", "1"), "KDV", "tr_vat", ("A.Ş.", "Ltd. Şti."),
              ("Yılmaz", "Kaya Teknik", "Demir Matbaa", "Şahin Lojistik", "Çelik Yapı"),
              ("Atatürk Cad. No: {n}", "İstiklal Cad. No: {n}", "Cumhuriyet Mah. No: {n}", "Bağdat Cad. No: {n}"),
              (("34000", "İstanbul"), ("06000", "Ankara"), ("35000", "İzmir"), ("16000", "Bursa")),
              ("Altıgen cıvata M8", "Bakım sözleşmesi", "Fotokopi kâğıdı A4", "İşçilik saati",
               "Koruyucu eldiven", "Nakliye bedeli", "Bakır boru 15 mm"),
              "Ticaret Sicil No: {n}, {city}"),
    "uk": Loc("uk", "UA", "Ukraine", "UAH", "₴", ("20", "7"), "ПДВ", None, ("ТОВ", "ПрАТ", "ФОП"),
              ("Шевченко", "Бойко Техніка", "Друкарня Дніпро", "Транспорт Коваленко", "Мельник Буд"),
              ("вул. Хрещатик, {n}", "просп. Перемоги, {n}", "вул. Сумська, {n}", "вул. Дерибасівська, {n}"),
              (("01001", "Київ"), ("61000", "Харків"), ("65000", "Одеса"), ("79000", "Львів")),
              ("Болти шестигранні M8", "Договір на обслуговування", "Папір для принтера A4", "Година монтажних робіт",
               "Захисні рукавиці", "Доставка", "Мідна труба 15 мм"),
              "ЄДРПОУ {n}, {city}"),
}  # fmt: skip

VAT_PATTERNS: dict[str, tuple[str, str]] = {
    # countries evals/synth7/ids.py does not draw: (stdnum module, compact pattern; 9 digit)
    "SI": ("stdnum.si.ddv", "SI99999999"),
    "RO": ("stdnum.ro.cf", "RO99999999"),
    "LT": ("stdnum.lt.pvm", "LT999999919"),
    "BG": ("stdnum.bg.vat", "BG999999999"),
    "EE": ("stdnum.ee.kmkr", "EE109999999"),
    "RU": ("stdnum.ru.inn", "9999999999"),
}

RATES: dict[str, str] = {"EUR": "1", "PLN": "4.3", "CZK": "25", "HUF": "400", "RON": "5", "BGN": "1.96",
                         "RUB": "100", "GBP": "0.85", "TRY": "35", "UAH": "45", "USD": "1.1", "CHF": "0.95"}  # fmt: skip
"""Units per euro: the rates Tryton converts a foreign-currency invoice with (any rate does; none is printed)."""

CURRENCY_NAMES: dict[str, tuple[str, str]] = {
    "EUR": ("Euro", "€"), "PLN": ("Polish zloty", "zł"), "CZK": ("Czech koruna", "Kč"), "HUF": ("Forint", "Ft"),
    "RON": ("Romanian leu", "lei"), "BGN": ("Bulgarian lev", "лв."), "RUB": ("Russian ruble", "₽"),
    "GBP": ("Pound sterling", "£"), "TRY": ("Turkish lira", "₺"), "UAH": ("Hryvnia", "₴"),
    "USD": ("US dollar", "$"), "CHF": ("Swiss franc", "CHF"),
}  # fmt: skip
