"""What the party blocks are made of, per country: its language, currency, company names and legal forms,
streets, towns with their postcodes as the country writes them, and the words of a party block (labels,
building and floor lines, post-office boxes, c/o and department lines). Every string is in Windows-1252, the
encoding of the standard fonts the pages are set in (evals/parties/pdf.py).

Written from general knowledge of national address formats (UPU conventions), not from any document."""

from __future__ import annotations

import random

# country -> (language, currency, legal forms, VAT rate %)
COUNTRIES: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "GB": ("en", "GBP", ("Ltd", "Limited", "LLP", "plc"), "20"),
    "US": ("en", "USD", ("Inc.", "LLC", "Corp."), "0"),
    "IE": ("en", "EUR", ("Ltd", "DAC", "Limited"), "23"),
    "DE": ("de", "EUR", ("GmbH", "GmbH & Co. KG", "AG", "e.K."), "19"),
    "AT": ("de", "EUR", ("GmbH", "KG", "OG"), "20"),
    "CH": ("de", "CHF", ("AG", "GmbH", "SA"), "8.1"),
    "FR": ("fr", "EUR", ("SARL", "SAS", "SA", "EURL"), "20"),
    "IT": ("it", "EUR", ("S.r.l.", "S.p.A.", "S.n.c."), "22"),
    "ES": ("es", "EUR", ("S.L.", "S.A.", "S.L.U."), "21"),
    "NL": ("nl", "EUR", ("B.V.", "N.V.", "V.O.F."), "21"),
    "PL": ("pl", "PLN", ("Sp. z o.o.", "S.A.", "Sp.j."), "23"),
    "SE": ("sv", "SEK", ("AB", "HB"), "25"),
    "CZ": ("cs", "CZK", ("s.r.o.", "a.s."), "21"),
    "PT": ("pt", "EUR", ("Lda.", "S.A.", "Unipessoal Lda."), "23"),
    "DK": ("da", "DKK", ("ApS", "A/S", "I/S"), "25"),
}

# the first word or two of a company name, per language (family names and made-up marks)
NAME_STEMS = {
    "en": ["Harrow", "Whitfield", "Brampton", "Kestrel", "Ashdown", "Merriden", "Calloway", "Thornbury", "Redfern",
           "Linwood", "Oakhurst", "Pembury", "Castleford", "Granger", "Holloway", "Ellison"],
    "de": ["Brenner", "Hofmeister", "Lindqvist", "Kessler", "Waldmann", "Steinhauer", "Roth", "Albrecht", "Jäger",
           "Fuchs", "Oberländer", "Baumgartner", "Sommer", "Kranich"],
    "fr": ["Durand", "Lefèvre", "Moreau", "Garnier", "Rousseau", "Chevalier", "Fontaine", "Lambert", "Mercier",
           "Girard", "Boucher", "Marchand"],
    "it": ["Bianchi", "Ferraro", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "Mancini",
           "Lombardi", "Moretti"],
    "es": ["García", "Navarro", "Moreno", "Jiménez", "Ruiz", "Serrano", "Ortega", "Delgado", "Castillo", "Romero",
           "Vidal", "Herrera"],
    "nl": ["Van Dijk", "De Vries", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "Vermeulen",
           "Brouwer", "Dekker", "Van Leeuwen"],
    "pl": ["Nowak", "Kowalczyk", "Mazur", "Krawczyk", "Piotrowski", "Grabowski", "Zawadzki", "Pawlak", "Michalski",
           "Sikora", "Baran", "Kubiak"],
    "sv": ["Lindberg", "Bergström", "Holmqvist", "Sandberg", "Ekström", "Nyström", "Forsberg", "Lundgren",
           "Wallin", "Sjöberg", "Hedlund", "Åkesson"],
    "cs": ["Novák", "Svoboda", "Dvorák", "Kopecký", "Horák", "Marek", "Pokorný", "Pospíšil", "Hájek", "Král",
           "Jelínek", "Beneš"],
    "pt": ["Silva", "Ferreira", "Costa", "Oliveira", "Pereira", "Almeida", "Carvalho", "Sousa", "Ribeiro",
           "Lopes", "Teixeira", "Gomes"],
    "da": ["Jensen", "Sørensen", "Rasmussen", "Kristensen", "Mortensen", "Jørgensen", "Madsen", "Poulsen",
           "Christiansen", "Lund", "Holm", "Dahl"],
}  # fmt: skip

# trade words, per language: the rest of a company's name
TRADES = {
    "en": ["Engineering", "Logistics", "Office Supplies", "Building Services", "Print & Design", "Catering",
           "Electrical Contractors", "Laboratory Systems", "Packaging", "Facilities Management"],
    "de": ["Maschinenbau", "Elektrotechnik", "Druckerei", "Logistik", "Haustechnik", "Bürobedarf",
           "Gebäudereinigung", "Metallbau", "Verpackungen", "Messtechnik"],
    "fr": ["Transports", "Imprimerie", "Électricité", "Fournitures de Bureau", "Bâtiment", "Conseil",
           "Emballages", "Nettoyage Industriel", "Menuiserie", "Laboratoires"],
    "it": ["Costruzioni", "Impianti Elettrici", "Tipografia", "Trasporti", "Forniture Ufficio", "Meccanica",
           "Imballaggi", "Servizi Informatici", "Arredamenti", "Ingegneria"],
    "es": ["Construcciones", "Instalaciones Eléctricas", "Transportes", "Suministros de Oficina", "Imprenta",
           "Ingeniería", "Embalajes", "Limpiezas", "Consultores", "Climatización"],
    "nl": ["Installatietechniek", "Transport", "Drukkerij", "Bouwbedrijf", "Kantoorartikelen", "Schoonmaak",
           "Verpakkingen", "Metaalbewerking", "Adviesgroep", "Techniek"],
    "pl": ["Budownictwo", "Transport", "Drukarnia", "Instalacje", "Serwis", "Systemy Biurowe", "Opakowania",
           "Technika Pomiarowa", "Konsulting", "Automatyka"],
    "sv": ["Bygg", "Elteknik", "Transport", "Tryckeri", "Kontorsmaterial", "Städservice", "Förpackningar",
           "Mekaniska Verkstad", "Konsult", "Ventilation"],
    "cs": ["Stavby", "Elektro", "Doprava", "Tiskárna", "Kancelárské potreby", "Strojírna", "Obaly", "Servis",
           "Technika", "Instalace"],
    "pt": ["Construções", "Transportes", "Tipografia", "Instalações Elétricas", "Material de Escritório",
           "Engenharia", "Embalagens", "Limpezas", "Consultoria", "Serralharia"],
    "da": ["Byg", "El-teknik", "Transport", "Trykkeri", "Kontorartikler", "Rengøring", "Emballage", "Maskinfabrik",
           "Rådgivning", "VVS"],
}  # fmt: skip

STREET_STEMS = {
    "en": ["Harbour", "Mill", "Station", "Church", "Victoria", "Kingsway", "Meadow", "Bridge", "Park", "Chapel"],
    "us": ["Market", "Elm", "Washington", "Lake", "Oak", "Main", "Cedar", "Madison", "Pine", "Jefferson"],
    "de": ["Haupt", "Bahnhof", "Linden", "Schiller", "Industrie", "Garten", "Berg", "Mühlen", "Kirch", "Wald"],
    "fr": ["de la République", "Victor Hugo", "des Lilas", "du Commerce", "de la Gare", "Pasteur", "des Écoles",
           "Jean Jaurès", "de Verdun", "du Moulin"],
    "it": ["Roma", "Garibaldi", "Mazzini", "Dante", "Cavour", "Verdi", "della Repubblica", "Manzoni", "Marconi",
           "XX Settembre"],
    "es": ["Mayor", "de Alcalá", "del Sol", "de la Paz", "Real", "de Goya", "San Vicente", "de Valencia",
           "Nueva", "del Carmen"],
    "nl": ["Kerk", "Molen", "Dorps", "Stations", "Heren", "Linden", "Prinsen", "Wilhelmina", "Markt", "Haven"],
    "pl": ["Marszalkowska", "Kwiatowa", "Polna", "Lipowa", "Ogrodowa", "Dluga", "Krótka", "Mickiewicza",
           "Sienkiewicza", "Kolejowa"],
    "sv": ["Storgatan", "Kungsgatan", "Drottninggatan", "Sveavägen", "Hamngatan", "Järnvägsgatan",
           "Industrivägen", "Skolgatan", "Kyrkogatan", "Parkvägen"],
    "cs": ["Vinohradská", "Národní", "Masarykova", "Husova", "Palackého", "Nádražní", "Husitská", "Jungmannova",
           "Korunní", "Smetanova"],
    "pt": ["Augusta", "da Liberdade", "do Comércio", "de Santa Catarina", "Direita", "da Boavista", "do Carmo",
           "das Flores", "da Prata", "Nova"],
    "da": ["Vester", "Nørre", "Strand", "Kongens", "Søndre", "Havne", "Skole", "Kirke", "Mølle", "Park"],
}  # fmt: skip


def street(country: str, rng: random.Random) -> str:
    """A street and house number as the country writes them."""
    n = rng.randint(1, 220)
    if country in ("GB", "IE"):
        return (
            f"{n} {rng.choice(STREET_STEMS['en'])} {rng.choice(['Road', 'Street', 'Lane', 'Way', 'Avenue'])}"
        )
    if country == "US":
        return f"{rng.randint(100, 9800)} {rng.choice(STREET_STEMS['us'])} {rng.choice(['Street', 'Avenue', 'Blvd', 'Drive'])}"
    if country in ("DE", "AT"):
        return f"{rng.choice(STREET_STEMS['de'])}{rng.choice(['straße', 'weg', 'allee', 'gasse'])} {n}"
    if country == "CH":
        return f"{rng.choice(STREET_STEMS['de'])}{rng.choice(['strasse', 'weg', 'gasse'])} {n}"
    if country == "FR":
        return f"{n}{rng.choice(['', '', ' bis'])} {rng.choice(['rue', 'avenue', 'boulevard'])} {rng.choice(STREET_STEMS['fr'])}"
    if country == "IT":
        return f"{rng.choice(['Via', 'Viale', 'Corso'])} {rng.choice(STREET_STEMS['it'])}, {n}"
    if country == "ES":
        return f"{rng.choice(['Calle', 'Avenida', 'Paseo'])} {rng.choice(STREET_STEMS['es'])}, {n}"
    if country == "NL":
        return f"{rng.choice(STREET_STEMS['nl'])}{rng.choice(['straat', 'weg', 'laan', 'gracht'])} {n}"
    if country == "PL":
        return f"ul. {rng.choice(STREET_STEMS['pl'])} {n}" + rng.choice(["", f"/{rng.randint(1, 40)}"])
    if country == "SE":
        return f"{rng.choice(STREET_STEMS['sv'])} {n}"
    if country == "CZ":
        return f"{rng.choice(STREET_STEMS['cs'])} {rng.randint(100, 2800)}/{rng.randint(1, 60)}"
    if country == "PT":
        return f"{rng.choice(['Rua', 'Avenida', 'Travessa'])} {rng.choice(STREET_STEMS['pt'])}, {n}"
    return f"{rng.choice(STREET_STEMS['da'])}{rng.choice(['gade', 'vej', 'allé'])} {n}"


# towns: (town, postcode pattern or a fixed head, how the town line is printed)
TOWNS: dict[str, list[tuple[str, str]]] = {
    "GB": [("London", "EC2V"), ("London", "SW1A"), ("Leeds", "LS1"), ("Manchester", "M4"), ("Bristol", "BS1"),
           ("Glasgow", "G2"), ("Birmingham", "B3"), ("Norwich", "NR2"), ("Cardiff", "CF10"), ("York", "YO1")],
    "US": [("San Francisco", "CA:941"), ("Austin", "TX:787"), ("Chicago", "IL:606"), ("Boston", "MA:021"),
           ("Denver", "CO:802"), ("Seattle", "WA:981"), ("Columbus", "OH:432"), ("Portland", "OR:972")],
    "IE": [("Dublin 2", "D02"), ("Cork", "T12"), ("Galway", "H91"), ("Limerick", "V94")],
    "DE": [("Berlin", "10"), ("Hamburg", "20"), ("München", "80"), ("Köln", "50"), ("Frankfurt am Main", "60"),
           ("Stuttgart", "70"), ("Leipzig", "04"), ("Düsseldorf", "40"), ("Nürnberg", "90"), ("Bremen", "28")],
    "AT": [("Wien", "1"), ("Graz", "8"), ("Linz", "4"), ("Salzburg", "5"), ("Innsbruck", "6")],
    "CH": [("Zürich", "8"), ("Bern", "3"), ("Basel", "4"), ("Luzern", "6"), ("St. Gallen", "9"), ("Winterthur", "8")],
    "FR": [("Paris", "75"), ("Lyon", "69"), ("Marseille", "13"), ("Toulouse", "31"), ("Nantes", "44"),
           ("Lille", "59"), ("Bordeaux", "33"), ("Strasbourg", "67")],
    "IT": [("Milano", "20:MI"), ("Roma", "00:RM"), ("Torino", "10:TO"), ("Bologna", "40:BO"), ("Firenze", "50:FI"),
           ("Napoli", "80:NA"), ("Verona", "37:VR")],
    "ES": [("Madrid", "28"), ("Barcelona", "08"), ("Valencia", "46"), ("Sevilla", "41"), ("Zaragoza", "50"),
           ("Bilbao", "48"), ("Málaga", "29")],
    "NL": [("Amsterdam", "10"), ("Rotterdam", "30"), ("Utrecht", "35"), ("Eindhoven", "56"), ("Den Haag", "25"),
           ("Groningen", "97"), ("Zwolle", "80")],
    "PL": [("Warszawa", "00"), ("Kraków", "30"), ("Poznan", "60"), ("Gdansk", "80"), ("Katowice", "40"),
           ("Lublin", "20"), ("Szczecin", "70")],
    "SE": [("Stockholm", "11"), ("Göteborg", "41"), ("Malmö", "21"), ("Uppsala", "75"), ("Västerås", "72"),
           ("Örebro", "70"), ("Linköping", "58")],
    "CZ": [("Praha 1", "110"), ("Praha 5", "150"), ("Brno", "602"), ("Ostrava", "702"), ("Plzen", "301"),
           ("Olomouc", "779")],
    "PT": [("Lisboa", "1"), ("Porto", "4"), ("Braga", "47"), ("Coimbra", "30"), ("Faro", "80"), ("Aveiro", "38")],
    "DK": [("København K", "1"), ("København V", "16"), ("Aarhus C", "80"), ("Odense C", "50"), ("Aalborg", "90"),
           ("Esbjerg", "67")],
}  # fmt: skip

_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(country: str, head: str, rng: random.Random) -> tuple[str, str]:
    """(postcode, region code or "") in the country's own form, starting with ``head``."""
    d = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
    if country == "GB":
        return f"{head} {rng.randint(1, 9)}{rng.choice(_LETTERS)}{rng.choice(_LETTERS)}", ""
    if country == "IE":
        return f"{head} {rng.choice('ACDEFHKNPRTVWXY')}{d(1)}{rng.choice('ACDEFHKNPRTVWXY')}{d(1)}", ""
    if country == "US":
        state, prefix = head.split(":")
        return prefix + d(2) + rng.choice(["", "", f"-{d(4)}"]), state
    if country == "IT":
        prefix, province = head.split(":")
        return prefix + d(3 - len(prefix) + 2), province
    if country == "NL":
        return f"{head}{d(2)} {rng.choice(_LETTERS)}{rng.choice(_LETTERS)}", ""
    if country == "PL":
        return f"{head}-{d(3)}", ""
    if country == "SE":
        code = head + d(3)
        return f"{code[:3]} {code[3:]}", ""
    if country == "CZ":
        return f"{head} {rng.choice(['00', '00', d(2)])}", ""
    if country == "PT":
        return f"{head}{d(4 - len(head))}-{d(3)}", ""
    if country in ("AT", "DK"):
        return head + d(4 - len(head)), ""
    if country == "CH":
        return head + d(3), ""
    return head + d(5 - len(head)), ""  # DE, FR, ES


# the party block's words, per language
WORDS: dict[str, dict[str, list[str]]] = {
    "en": {
        "title": ["INVOICE", "Invoice", "Tax Invoice"], "number": ["Invoice No.", "Invoice number", "Invoice #"],
        "date": ["Date", "Invoice date", "Date of issue"],
        "buyer": ["Bill to", "Invoice to", "Customer", "Billed to", "Sold to"], "ship": ["Ship to", "Deliver to"],
        "seller": ["From", "Supplier", "Seller"], "vat": ["VAT No.", "VAT Reg. No.", "VAT number"],
        "iban": ["IBAN"], "item": ["Description"], "qty": ["Qty"], "price": ["Unit price"], "amount": ["Amount"],
        "net": ["Subtotal", "Net amount"], "tax": ["VAT {rate}%"], "total": ["Total", "Total due", "Amount due"],
        "co": ["c/o"], "attn": ["Attn:", "FAO", "Attention:"],
        "dept": ["Accounts Payable", "Finance Department", "Purchase Ledger"],
        "floor": ["2nd Floor", "3rd Floor", "Ground Floor", "Floor 4"],
        "building": ["Kingsgate House", "Riverside Court", "The Old Maltings", "Unit 7, Brookfield Park"],
        "pobox": ["PO Box {n}", "P.O. Box {n}"], "suite": ["Suite {n}", "Unit {n}"],
        "thanks": ["Thank you for your business."], "registered": ["Registered office:", "Registered in England"],
        "person": ["Sarah Holt", "James Penrose", "Priya Nair", "Tom Whitaker"],
    },
    "de": {
        "title": ["RECHNUNG", "Rechnung"], "number": ["Rechnungsnummer", "Rechnung Nr.", "Rechnungs-Nr."],
        "date": ["Datum", "Rechnungsdatum"], "buyer": ["Rechnungsempfänger", "Kunde", "Rechnung an"],
        "ship": ["Lieferanschrift", "Lieferadresse"], "seller": ["Lieferant", "Absender", "Verkäufer"],
        "vat": ["USt-IdNr.", "UID-Nr.", "MWST-Nr."], "iban": ["IBAN"], "item": ["Bezeichnung"], "qty": ["Menge"],
        "price": ["Einzelpreis"], "amount": ["Betrag"], "net": ["Nettobetrag", "Summe netto"],
        "tax": ["USt. {rate} %", "MwSt. {rate} %"], "total": ["Gesamtbetrag", "Rechnungsbetrag", "Endbetrag"],
        "co": ["c/o", "bei"], "attn": ["z. Hd.", "Attn.:"], "dept": ["Buchhaltung", "Kreditorenbuchhaltung", "Einkauf"],
        "floor": ["2. OG", "3. Stock", "EG", "4. Etage"], "building": ["Haus B", "Gebäude 3", "Technologiepark Nord"],
        "pobox": ["Postfach {n}"], "suite": ["Top {n}", "Stiege 2/Top {n}"],
        "thanks": ["Vielen Dank für Ihren Auftrag."], "registered": ["Sitz der Gesellschaft:", "Firmensitz:"],
        "person": ["Frau Keller", "Herrn Brandt", "Frau Lorenz", "Herrn Wolff"],
    },
    "fr": {
        "title": ["FACTURE", "Facture"], "number": ["Facture n°", "N° de facture", "Numéro de facture"],
        "date": ["Date", "Date de facture", "Date d'émission"], "buyer": ["Facturé à", "Client", "Adresse de facturation"],
        "ship": ["Livré à", "Adresse de livraison"], "seller": ["Émetteur", "Fournisseur", "Vendeur"],
        "vat": ["N° TVA intracommunautaire", "TVA intracom.", "N° TVA"], "iban": ["IBAN"], "item": ["Désignation"],
        "qty": ["Qté"], "price": ["Prix unitaire HT"], "amount": ["Montant HT"], "net": ["Total HT"],
        "tax": ["TVA {rate} %"], "total": ["Total TTC", "Net à payer"], "co": ["c/o", "chez"],
        "attn": ["À l'attention de", "A l'att. de"], "dept": ["Service comptabilité", "Service achats", "Comptabilité fournisseurs"],
        "floor": ["3e étage", "2e étage", "Rez-de-chaussée"], "building": ["Bâtiment B", "Immeuble Le Central", "Parc d'activités du Moulin"],
        "pobox": ["BP {n}", "CS {n}"], "suite": ["Bureau {n}"], "thanks": ["Merci de votre confiance."],
        "registered": ["Siège social :"], "person": ["Mme Laurent", "M. Perrin", "Mme Caron", "M. Roussel"],
    },
    "it": {
        "title": ["FATTURA", "Fattura"], "number": ["Fattura n.", "Numero fattura", "N. fattura"],
        "date": ["Data", "Data fattura", "Data documento"], "buyer": ["Spett.le", "Cliente", "Destinatario", "Intestatario"],
        "ship": ["Destinazione merce", "Luogo di consegna"], "seller": ["Cedente", "Fornitore", "Emittente"],
        "vat": ["P.IVA", "Partita IVA"], "iban": ["IBAN"], "item": ["Descrizione"], "qty": ["Q.tà"],
        "price": ["Prezzo unitario"], "amount": ["Importo"], "net": ["Imponibile", "Totale imponibile"],
        "tax": ["IVA {rate}%"], "total": ["Totale fattura", "Totale documento", "Totale da pagare"],
        "co": ["c/o", "presso"], "attn": ["Alla c.a.", "All'attenzione di"], "dept": ["Ufficio amministrazione", "Ufficio acquisti", "Amministrazione"],
        "floor": ["2° piano", "Piano terra", "3° piano"], "building": ["Palazzina B", "Centro Direzionale Colleoni", "Scala A"],
        "pobox": ["Casella postale {n}", "C.P. {n}"], "suite": ["Interno {n}"], "thanks": ["Grazie per la preferenza."],
        "registered": ["Sede legale:"], "person": ["Sig.ra Rossi", "Dott. Fabbri", "Sig. Villa", "Ing. Sala"],
    },
    "es": {
        "title": ["FACTURA", "Factura"], "number": ["Factura n.º", "Nº factura", "Número de factura"],
        "date": ["Fecha", "Fecha de factura", "Fecha de emisión"], "buyer": ["Cliente", "Facturar a", "Datos del cliente"],
        "ship": ["Enviar a", "Dirección de entrega"], "seller": ["Emisor", "Proveedor", "Vendedor"],
        "vat": ["NIF", "CIF", "NIF-IVA"], "iban": ["IBAN"], "item": ["Concepto"], "qty": ["Cant."],
        "price": ["Precio unitario"], "amount": ["Importe"], "net": ["Base imponible"], "tax": ["IVA {rate}%"],
        "total": ["Total factura", "Total a pagar", "TOTAL"], "co": ["c/o", "a/a"], "attn": ["A la atención de", "Att.:"],
        "dept": ["Departamento de contabilidad", "Dpto. de compras", "Administración"],
        "floor": ["2º piso", "Planta 3", "Bajo", "4º B"], "building": ["Edificio Europa", "Nave 12", "Polígono Industrial El Pilar"],
        "pobox": ["Apartado de correos {n}", "Apdo. {n}"], "suite": ["Oficina {n}", "Local {n}"],
        "thanks": ["Gracias por su confianza."], "registered": ["Domicilio social:"],
        "person": ["Sra. Martín", "Sr. Gil", "Sra. Prieto", "Sr. Molina"],
    },
    "nl": {
        "title": ["FACTUUR", "Factuur"], "number": ["Factuurnummer", "Factuur nr.", "Factuurnr."],
        "date": ["Datum", "Factuurdatum"], "buyer": ["Factuuradres", "Klant", "Aan", "Gefactureerd aan"],
        "ship": ["Afleveradres", "Leveradres"], "seller": ["Leverancier", "Afzender"], "vat": ["BTW-nummer", "Btw-nr.", "BTW-id"],
        "iban": ["IBAN"], "item": ["Omschrijving"], "qty": ["Aantal"], "price": ["Prijs"], "amount": ["Bedrag"],
        "net": ["Subtotaal", "Totaal excl. btw"], "tax": ["Btw {rate}%"], "total": ["Totaal", "Totaal incl. btw", "Te betalen"],
        "co": ["p/a", "t.a.v."], "attn": ["T.a.v.", "Ter attentie van"], "dept": ["Crediteurenadministratie", "Afdeling inkoop", "Financiële administratie"],
        "floor": ["3e verdieping", "Begane grond", "2e etage"], "building": ["Gebouw De Hoorn", "Unit 4", "Bedrijvenpark Zuid"],
        "pobox": ["Postbus {n}"], "suite": ["Unit {n}"], "thanks": ["Bedankt voor uw opdracht."],
        "registered": ["Statutair gevestigd te"], "person": ["mevr. De Groot", "dhr. Jansen", "mevr. Peters", "dhr. Bos"],
    },
    "pl": {
        "title": ["FAKTURA VAT", "Faktura VAT", "Faktura"], "number": ["Faktura nr", "Numer faktury", "Nr faktury"],
        "date": ["Data wystawienia", "Data"], "buyer": ["Nabywca", "Odbiorca faktury", "Kupujacy"],
        "ship": ["Odbiorca", "Adres dostawy"], "seller": ["Sprzedawca", "Dostawca"], "vat": ["NIP"], "iban": ["IBAN", "Nr konta"],
        "item": ["Nazwa towaru"], "qty": ["Ilosc"], "price": ["Cena netto"], "amount": ["Wartosc netto"],
        "net": ["Razem netto", "Wartosc netto"], "tax": ["VAT {rate}%"], "total": ["Razem brutto", "Wartosc brutto"],
        "co": ["c/o", "u"], "attn": ["Do rak:", "Att.:"], "dept": ["Dzial ksiegowosci", "Dzial zakupów", "Ksiegowosc"],
        "floor": ["II pietro", "lok. 12", "parter"], "building": ["Budynek B", "Centrum Biurowe Wola", "Hala nr 3"],
        "pobox": ["Skrytka pocztowa {n}", "Skr. poczt. {n}"], "suite": ["lok. {n}", "pok. {n}"],
        "thanks": ["Dziekujemy za zamówienie."], "registered": ["Siedziba:"], "person": ["Anna Wrona", "Piotr Lis", "Ewa Gajda", "Jan Bielak"],
    },
    "sv": {
        "title": ["FAKTURA", "Faktura"], "number": ["Fakturanummer", "Fakturanr", "Faktura nr"],
        "date": ["Fakturadatum", "Datum"], "buyer": ["Kund", "Faktureringsadress", "Fakturamottagare"],
        "ship": ["Leveransadress", "Leverans till"], "seller": ["Leverantör", "Avsändare"], "vat": ["Momsreg.nr", "VAT-nr", "Org.nr/VAT"],
        "iban": ["IBAN"], "item": ["Beskrivning"], "qty": ["Antal"], "price": ["À-pris"], "amount": ["Belopp"],
        "net": ["Summa exkl. moms", "Netto"], "tax": ["Moms {rate}%"], "total": ["Att betala", "Totalt", "Summa att betala"],
        "co": ["c/o"], "attn": ["Att:", "Attention:"], "dept": ["Ekonomiavdelningen", "Leverantörsreskontra", "Inköp"],
        "floor": ["våning 3", "plan 2", "3 tr"], "building": ["Hus C", "Kontorshuset Navet", "Företagsparken"],
        "pobox": ["Box {n}"], "suite": ["Lgh {n}"], "thanks": ["Tack för din beställning."],
        "registered": ["Styrelsens säte:"], "person": ["Karin Ek", "Johan Berg", "Lena Strand", "Erik Falk"],
    },
    "cs": {
        "title": ["FAKTURA", "Faktura"], "number": ["Faktura c.", "Císlo faktury", "Faktura - danový doklad c."],
        "date": ["Datum vystavení", "Vystaveno"], "buyer": ["Odberatel", "Zákazník", "Kupující"],
        "ship": ["Místo dodání", "Dodací adresa"], "seller": ["Dodavatel", "Prodávající"], "vat": ["DIC"], "iban": ["IBAN"],
        "item": ["Popis"], "qty": ["Mn."], "price": ["Cena za j."], "amount": ["Celkem"], "net": ["Základ dane", "Celkem bez DPH"],
        "tax": ["DPH {rate} %"], "total": ["Celkem k úhrade", "Celkem"], "co": ["c/o", "k rukám"],
        "attn": ["K rukám:", "Attn.:"], "dept": ["Úctárna", "Oddelení nákupu", "Ekonomické oddelení"],
        "floor": ["3. patro", "2. NP", "prízemí"], "building": ["Budova B", "Administrativní centrum Flora", "Areál Jih"],
        "pobox": ["P. O. Box {n}", "Postovní prihrádka {n}"], "suite": ["kancelár {n}"], "thanks": ["Dekujeme za Vasi objednávku."],
        "registered": ["Sídlo:"], "person": ["Jana Malá", "Petr Kríž", "Eva Veselá", "Tomás Urban"],
    },
    "pt": {
        "title": ["FATURA", "Fatura"], "number": ["Fatura n.º", "Fatura Nº", "Número da fatura"],
        "date": ["Data", "Data de emissão", "Data da fatura"], "buyer": ["Cliente", "Exmo.(s) Sr.(s)", "Faturar a"],
        "ship": ["Local de entrega", "Morada de entrega"], "seller": ["Fornecedor", "Emitente"], "vat": ["NIF", "Contribuinte n.º", "NIPC"],
        "iban": ["IBAN"], "item": ["Descrição"], "qty": ["Qtd."], "price": ["Preço unitário"], "amount": ["Valor"],
        "net": ["Total ilíquido", "Incidência"], "tax": ["IVA {rate}%"], "total": ["Total a pagar", "Total (EUR)", "Total"],
        "co": ["c/o", "ao cuidado de"], "attn": ["A/C", "Ao cuidado de"], "dept": ["Departamento financeiro", "Contabilidade", "Serviço de compras"],
        "floor": ["3.º andar", "2.º Esq.", "R/C"], "building": ["Edifício Atlântico", "Armazém 4", "Zona Industrial da Maia"],
        "pobox": ["Apartado {n}"], "suite": ["Sala {n}", "Fração {n}"], "thanks": ["Obrigado pela preferência."],
        "registered": ["Sede:"], "person": ["Dra. Marta Reis", "Eng. Rui Sá", "Sr. Paulo Neves", "Sra. Inês Cruz"],
    },
    "da": {
        "title": ["FAKTURA", "Faktura"], "number": ["Fakturanr.", "Fakturanummer", "Faktura nr."],
        "date": ["Dato", "Fakturadato"], "buyer": ["Kunde", "Faktureres til", "Faktureringsadresse"],
        "ship": ["Leveringsadresse", "Leveres til"], "seller": ["Leverandør", "Afsender"], "vat": ["CVR-nr.", "SE-nr.", "Momsnr."],
        "iban": ["IBAN"], "item": ["Beskrivelse"], "qty": ["Antal"], "price": ["Enhedspris"], "amount": ["Beløb"],
        "net": ["Subtotal", "Nettobeløb"], "tax": ["Moms {rate}%"], "total": ["I alt", "Total inkl. moms", "At betale"],
        "co": ["c/o"], "attn": ["Att.:", "Att:"], "dept": ["Bogholderiet", "Kreditorbogholderi", "Indkøb"],
        "floor": ["3. sal", "st. th.", "2. tv.", "1. sal"], "building": ["Bygning 2", "Erhvervshuset Syd", "Port 4"],
        "pobox": ["Postboks {n}"], "suite": ["Lokale {n}"], "thanks": ["Tak for handlen."],
        "registered": ["Hjemsted:"], "person": ["Mette Holm", "Lars Vinther", "Sofie Krogh", "Anders Bæk"],
    },
}  # fmt: skip
