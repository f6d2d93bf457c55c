"""The words of evals/synth14's documents, per language: how billing runs of utilities, telecom operators,
software subscriptions, insurers, hotels, car-rental firms, forwarders, law firms and public bodies word a
bill or a statement — the labels, the account summary, the remittance slip, date and number formats, names
and places. Written from general knowledge of such bills in each country (not from the engine's lexicons);
every person, firm and street is made up."""

from __future__ import annotations

from typing import Any

# fmt: off
LANGS: dict[str, dict[str, Any]] = {
    "en": {
        "country": "GB", "currency": "GBP", "sign": "£", "sign_before": True, "decimal": ".", "group": ",",
        "short": "{d:02d}/{m:02d}/{y}", "period": ["{a} - {b}", "{a} to {b}"],
        "invoice": ["INVOICE", "Your bill", "TAX INVOICE", "Statement and invoice"],
        "number": ["Invoice number", "Invoice no.", "Bill number"], "date": ["Invoice date", "Date of issue", "Bill date"],
        "period_l": ["Billing period", "Period covered", "Service period"], "due": ["Payment due", "Due date", "Please pay by"],
        "customer": "Customer number", "account": "Account number", "contract": "Contract number",
        "meter": "Meter number", "policy": "Policy number", "room": "Room", "agreement": "Rental agreement",
        "shipment": "Shipment ref.", "matter": "Matter ref.", "file": "Our reference", "bill_to": "Bill to",
        "desc": "Description", "qty": "Quantity", "unit": "Unit price", "amount": "Amount",
        "net": "Total excl. VAT", "vat": "VAT {r}%", "ins_tax": "Insurance premium tax {r}%",
        "total": ["Total this invoice", "Total current charges", "Invoice total"],
        "prev": "Previous balance", "paid": "Payment received - thank you", "balance": ["Amount due", "Balance to pay", "Total amount due"],
        "cf": "Carried forward", "bf": "Brought forward", "page": "Page {p} of {n}", "summary": "Account summary",
        "charges": "Your charges", "slip": "Bank giro credit", "detach": "Please detach and return this slip with your payment",
        "ref": "Payment reference", "payee": "Payable to", "amount_l": "Amount", "currency_l": "Currency",
        "receipt": "Receipt", "payment_part": "Payment part", "iban": "IBAN", "vat_id": "VAT reg. no.",
        "reg": "Registered in England and Wales no. {n}", "reg_office": "Registered office",
        "reading_prev": "Previous reading", "reading_cur": "Present reading", "consumption": "Units used",
        "thanks": "Thank you for your payment.", "debit": "We will collect this amount by Direct Debit on or after {date}.",
        "brand_of": "{brand} is a trading name of {legal}",
        "first": ["James", "Oliver", "Emma", "Sophie", "Thomas", "Hannah", "George", "Lucy"],
        "last": ["Whitfield", "Harrow", "Pemberton", "Ashworth", "Kendal", "Brackley", "Fenwick"],
        "cities": [("Leeds", "LS2 7HY"), ("Bristol", "BS1 4DJ"), ("Norwich", "NR2 1QA"), ("Chester", "CH1 2AP")],
        "streets": ["{n} Mill Lane", "{n} Station Road", "{n} Orchard Close", "{n} Kingsway"],
        "firm": ["Brightwater", "Oakfield", "Northgate", "Kestrel", "Larchmont", "Riverside"],
        "legal": ["Ltd", "Limited", "plc"], "law_legal": "LLP", "public": ["{city} City Council", "{city} Borough Council"],
        "sector": {"electricity": "Energy Supply", "water": "Water Services", "telecom": "Telecom", "saas": "Software",
                   "insurance": "Insurance", "hotel": "Hotels", "car": "Vehicle Rental", "freight": "Freight Forwarding",
                   "law": "Solicitors"},
        "rates": ["20"],
    },
    "en-US": {
        "country": "US", "currency": "USD", "sign": "$", "sign_before": True, "decimal": ".", "group": ",",
        "short": "{m:02d}/{d:02d}/{y}", "period": ["{a} - {b}", "{a} through {b}"],
        "invoice": ["INVOICE", "Your bill", "Statement", "Invoice"],
        "number": ["Invoice number", "Invoice #", "Bill number"], "date": ["Invoice date", "Statement date", "Bill date"],
        "period_l": ["Billing period", "Service period", "Service dates"], "due": ["Due date", "Payment due", "Please pay by"],
        "customer": "Customer number", "account": "Account number", "contract": "Contract no.",
        "meter": "Meter number", "policy": "Policy number", "room": "Room", "agreement": "Rental agreement",
        "shipment": "Shipment no.", "matter": "Matter no.", "file": "Reference", "bill_to": "Bill to",
        "desc": "Description", "qty": "Qty", "unit": "Rate", "amount": "Amount",
        "net": "Subtotal", "vat": "Sales tax {r}%", "ins_tax": "Premium tax {r}%",
        "total": ["Total current charges", "Total this invoice", "Invoice total"],
        "prev": "Previous balance", "paid": "Payments received - thank you", "balance": ["Amount due", "Total amount due", "Balance due"],
        "cf": "Continued - subtotal", "bf": "Subtotal from previous page", "page": "Page {p} of {n}", "summary": "Account summary",
        "charges": "Current charges", "slip": "Remittance", "detach": "Please detach and return this portion with your payment",
        "ref": "Reference number", "payee": "Make checks payable to", "amount_l": "Amount enclosed", "currency_l": "Currency",
        "receipt": "Receipt", "payment_part": "Payment coupon", "iban": "IBAN", "vat_id": "Tax ID",
        "reg": "EIN {n}", "reg_office": "Remit to",
        "reading_prev": "Previous read", "reading_cur": "Current read", "consumption": "Usage",
        "thanks": "Thank you for your payment.", "debit": "Your account will be charged automatically on {date}.",
        "brand_of": "{brand} is a service of {legal}",
        "first": ["Michael", "Jennifer", "David", "Ashley", "Robert", "Megan", "Daniel", "Laura"],
        "last": ["Holloway", "Brennan", "Castillo", "Whitaker", "Lindgren", "Okafor", "Pruitt"],
        "cities": [("Denver, CO", "80202"), ("Austin, TX", "78701"), ("Columbus, OH", "43215"), ("Portland, OR", "97204")],
        "streets": ["{n} Maple Avenue", "{n} Main Street", "{n} Lakeview Drive", "{n} Elm Street, Suite 200"],
        "firm": ["Summit", "Bluestem", "Cascade", "Ironwood", "Prairie", "Harbor"],
        "legal": ["Inc.", "LLC", "Corp."], "law_legal": "LLP", "public": ["City of {city}", "{city} Utilities Department"],
        "sector": {"electricity": "Power", "water": "Water", "telecom": "Communications", "saas": "Software",
                   "insurance": "Insurance", "hotel": "Hospitality", "car": "Car Rental", "freight": "Logistics",
                   "law": "Attorneys"},
        "rates": ["6.25", "8.25", "7"],
    },
    "de": {
        "country": "DE", "currency": "EUR", "sign": "€", "sign_before": False, "decimal": ",", "group": ".",
        "short": "{d:02d}.{m:02d}.{y}", "period": ["{a} - {b}", "{a} bis {b}", "vom {a} bis {b}"],
        "invoice": ["RECHNUNG", "Ihre Rechnung", "Rechnung", "Jahresabrechnung"],
        "number": ["Rechnungsnummer", "Rechnungs-Nr.", "Belegnummer"], "date": ["Rechnungsdatum", "Datum", "Erstellt am"],
        "period_l": ["Abrechnungszeitraum", "Leistungszeitraum", "Zeitraum"], "due": ["Fällig am", "Zahlbar bis", "Fälligkeit"],
        "customer": "Kundennummer", "account": "Vertragskonto", "contract": "Vertragsnummer",
        "meter": "Zählernummer", "policy": "Versicherungsschein-Nr.", "room": "Zimmer", "agreement": "Mietvertrag",
        "shipment": "Sendungsnummer", "matter": "Aktenzeichen", "file": "Kassenzeichen", "bill_to": "Rechnungsempfänger",
        "desc": "Bezeichnung", "qty": "Menge", "unit": "Einzelpreis", "amount": "Betrag",
        "net": "Summe netto", "vat": "USt. {r} %", "ins_tax": "Versicherungsteuer {r} %",
        "total": ["Rechnungsbetrag", "Summe dieser Rechnung", "Gesamtbetrag"],
        "prev": "Saldo Vormonat", "paid": "Zahlungseingang - vielen Dank", "balance": ["Zu zahlender Betrag", "Offener Betrag", "Zahlbetrag"],
        "cf": "Übertrag", "bf": "Übertrag von Seite {p}", "page": "Seite {p} von {n}", "summary": "Kontoübersicht",
        "charges": "Ihre Leistungen", "slip": "SEPA-Überweisung", "detach": "Bitte abtrennen und mit Ihrer Zahlung zurücksenden",
        "ref": "Verwendungszweck", "payee": "Empfänger", "amount_l": "Betrag", "currency_l": "Währung",
        "receipt": "Empfangsschein", "payment_part": "Zahlteil", "iban": "IBAN", "vat_id": "USt-IdNr.",
        "reg": "Amtsgericht Köln HRB {n}", "reg_office": "Sitz der Gesellschaft",
        "reading_prev": "Zählerstand alt", "reading_cur": "Zählerstand neu", "consumption": "Verbrauch",
        "thanks": "Vielen Dank für Ihre Zahlung.", "debit": "Den Betrag buchen wir am {date} von Ihrem Konto ab.",
        "brand_of": "{brand} ist eine Marke der {legal}",
        "first": ["Jürgen", "Katrin", "Stefan", "Monika", "Tobias", "Sabine", "Lukas", "Anja"],
        "last": ["Brandauer", "Kessler", "Wohlgemuth", "Hartmann", "Zöllner", "Reichert", "Vogt"],
        "cities": [("Bamberg", "96047"), ("Münster", "48143"), ("Kassel", "34117"), ("Freiburg", "79098")],
        "streets": ["Lindenstraße {n}", "Am Mühlbach {n}", "Gartenweg {n}", "Hauptstraße {n}"],
        "firm": ["Nordlicht", "Weserblick", "Tannenhof", "Rheinwerk", "Alpenrand", "Sonnfeld"],
        "legal": ["GmbH", "AG", "GmbH & Co. KG"], "law_legal": "Rechtsanwälte PartG mbB",
        "public": ["Stadt {city}", "Landratsamt {city}"],
        "sector": {"electricity": "Energie Vertrieb", "water": "Wasserversorgung", "telecom": "Telekommunikation",
                   "saas": "Software", "insurance": "Versicherung", "hotel": "Hotelbetriebs", "car": "Autovermietung",
                   "freight": "Spedition", "law": ""},
        "rates": ["19"],
    },
    "fr": {
        "country": "FR", "currency": "EUR", "sign": "€", "sign_before": False, "decimal": ",", "group": " ",
        "short": "{d:02d}/{m:02d}/{y}", "period": ["du {a} au {b}", "{a} - {b}"],
        "invoice": ["FACTURE", "Votre facture", "Facture", "Avis d'échéance"],
        "number": ["N° de facture", "Facture n°", "Numéro de facture"], "date": ["Date de facture", "Date d'émission", "Émise le"],
        "period_l": ["Période de facturation", "Période de consommation", "Période"], "due": ["Date limite de paiement", "Échéance", "À régler avant le"],
        "customer": "N° client", "account": "N° de compte", "contract": "N° de contrat",
        "meter": "N° de compteur", "policy": "N° de police", "room": "Chambre", "agreement": "Contrat de location",
        "shipment": "N° de dossier", "matter": "Réf. dossier", "file": "Référence", "bill_to": "Adresse de facturation",
        "desc": "Désignation", "qty": "Quantité", "unit": "Prix unitaire HT", "amount": "Montant HT",
        "net": "Total HT", "vat": "TVA {r} %", "ins_tax": "Taxe sur les assurances {r} %",
        "total": ["Total TTC de la facture", "Montant de cette facture", "Total TTC"],
        "prev": "Solde précédent", "paid": "Paiement reçu, merci", "balance": ["Montant à payer", "Net à payer", "Reste à payer"],
        "cf": "À reporter", "bf": "Report", "page": "Page {p} sur {n}", "summary": "Récapitulatif de votre compte",
        "charges": "Détail de votre facture", "slip": "TIP SEPA", "detach": "Coupon à détacher et à joindre à votre règlement",
        "ref": "Référence de paiement", "payee": "Bénéficiaire", "amount_l": "Montant", "currency_l": "Monnaie",
        "receipt": "Récépissé", "payment_part": "Section paiement", "iban": "IBAN", "vat_id": "N° TVA intracommunautaire",
        "reg": "RCS Lyon B {n}", "reg_office": "Siège social",
        "reading_prev": "Ancien index", "reading_cur": "Nouvel index", "consumption": "Consommation",
        "thanks": "Merci de votre règlement.", "debit": "Ce montant sera prélevé sur votre compte le {date}.",
        "brand_of": "{brand} est une marque de {legal}",
        "first": ["Camille", "Julien", "Élodie", "Mathieu", "Sandrine", "Nicolas", "Aurélie", "Benoît"],
        "last": ["Delacroix", "Fournier", "Marchand", "Lefebvre", "Rousseau", "Chevalier", "Perrin"],
        "cities": [("Lyon", "69002"), ("Nantes", "44000"), ("Rennes", "35000"), ("Dijon", "21000")],
        "streets": ["{n} rue des Lilas", "{n} avenue Jean Jaurès", "{n} chemin du Moulin", "{n} place du Marché"],
        "firm": ["Horizon", "Clairval", "Boréal", "Mistral", "Azurine", "Tilleul"],
        "legal": ["SAS", "SA", "SARL"], "law_legal": "Avocats SELARL", "public": ["Mairie de {city}", "Régie des eaux de {city}"],
        "sector": {"electricity": "Énergie", "water": "Eaux", "telecom": "Télécom", "saas": "Logiciels",
                   "insurance": "Assurances", "hotel": "Hôtellerie", "car": "Location", "freight": "Transit International",
                   "law": ""},
        "rates": ["20"],
    },
    "nl": {
        "country": "BE", "currency": "EUR", "sign": "€", "sign_before": True, "decimal": ",", "group": ".",
        "short": "{d:02d}/{m:02d}/{y}", "period": ["{a} - {b}", "van {a} tot {b}"],
        "invoice": ["FACTUUR", "Uw factuur", "Factuur", "Afrekening"],
        "number": ["Factuurnummer", "Factuur nr.", "Nummer"], "date": ["Factuurdatum", "Datum", "Opgemaakt op"],
        "period_l": ["Factuurperiode", "Verbruiksperiode", "Periode"], "due": ["Vervaldatum", "Te betalen vóór", "Uiterste betaaldatum"],
        "customer": "Klantnummer", "account": "Rekeningnummer klant", "contract": "Contractnummer",
        "meter": "Meternummer", "policy": "Polisnummer", "room": "Kamer", "agreement": "Huurovereenkomst",
        "shipment": "Dossiernummer", "matter": "Dossier", "file": "Ons kenmerk", "bill_to": "Factuuradres",
        "desc": "Omschrijving", "qty": "Aantal", "unit": "Eenheidsprijs", "amount": "Bedrag",
        "net": "Totaal excl. btw", "vat": "btw {r}%", "ins_tax": "Taks op verzekeringen {r}%",
        "total": ["Totaal van deze factuur", "Factuurbedrag", "Totaal incl. btw"],
        "prev": "Vorig saldo", "paid": "Ontvangen betaling, bedankt", "balance": ["Te betalen bedrag", "Te betalen", "Openstaand saldo"],
        "cf": "Over te dragen", "bf": "Overdracht", "page": "Pagina {p} van {n}", "summary": "Overzicht van uw rekening",
        "charges": "Uw verbruik en kosten", "slip": "Overschrijving", "detach": "Gelieve dit strookje los te maken en bij uw betaling te voegen",
        "ref": "Gestructureerde mededeling", "payee": "Begunstigde", "amount_l": "Bedrag", "currency_l": "Munt",
        "receipt": "Ontvangstbewijs", "payment_part": "Betaaldeel", "iban": "IBAN", "vat_id": "Btw",
        "reg": "RPR Gent {n}", "reg_office": "Maatschappelijke zetel",
        "reading_prev": "Vorige meterstand", "reading_cur": "Nieuwe meterstand", "consumption": "Verbruik",
        "thanks": "Bedankt voor uw betaling.", "debit": "Dit bedrag wordt op {date} via domiciliëring van uw rekening afgehouden.",
        "brand_of": "{brand} is een merknaam van {legal}",
        "first": ["Sanne", "Bram", "Lotte", "Joris", "Femke", "Thijs", "Eva", "Ruben"],
        "last": ["Peeters", "Janssens", "Maes", "Claes", "Wouters", "De Smet", "Vermeulen"],
        "cities": [("Gent", "9000"), ("Leuven", "3000"), ("Brugge", "8000"), ("Hasselt", "3500")],
        "streets": ["Kerkstraat {n}", "Dorpsstraat {n}", "Molenlaan {n}", "Stationsstraat {n}"],
        "firm": ["Duinzicht", "Polderwerk", "Noorderlicht", "Lindeboom", "Zeewind", "Klaverblad"],
        "legal": ["NV", "BV", "CommV"], "law_legal": "Advocaten BV", "public": ["Stad {city}", "Gemeente {city}"],
        "sector": {"electricity": "Energie", "water": "Watermaatschappij", "telecom": "Telecom", "saas": "Software",
                   "insurance": "Verzekeringen", "hotel": "Hotels", "car": "Autoverhuur", "freight": "Expeditie",
                   "law": ""},
        "rates": ["21"],
    },
    "es": {
        "country": "ES", "currency": "EUR", "sign": "€", "sign_before": False, "decimal": ",", "group": ".",
        "short": "{d:02d}/{m:02d}/{y}", "period": ["del {a} al {b}", "{a} - {b}"],
        "invoice": ["FACTURA", "Su factura", "Factura", "Recibo de prima"],
        "number": ["Nº de factura", "Factura nº", "Número de factura"], "date": ["Fecha de factura", "Fecha de emisión", "Fecha"],
        "period_l": ["Periodo de facturación", "Periodo de consumo", "Periodo"], "due": ["Fecha de cargo", "Vencimiento", "Pagar antes del"],
        "customer": "Nº de cliente", "account": "Cuenta de cliente", "contract": "Nº de contrato",
        "meter": "Nº de contador", "policy": "Nº de póliza", "room": "Habitación", "agreement": "Contrato de alquiler",
        "shipment": "Nº de expediente", "matter": "Asunto", "file": "Referencia", "bill_to": "Datos del titular",
        "desc": "Concepto", "qty": "Cantidad", "unit": "Precio", "amount": "Importe",
        "net": "Base imponible", "vat": "IVA {r} %", "ins_tax": "Impuesto sobre primas {r} %",
        "total": ["Total factura", "Importe de esta factura", "Total"],
        "prev": "Saldo anterior", "paid": "Pago recibido, gracias", "balance": ["Total a pagar", "Importe a pagar", "Saldo pendiente"],
        "cf": "Suma y sigue", "bf": "Suma anterior", "page": "Página {p} de {n}", "summary": "Resumen de su cuenta",
        "charges": "Detalle de la factura", "slip": "Documento de pago", "detach": "Recorte y presente este resguardo con su pago",
        "ref": "Referencia", "payee": "Beneficiario", "amount_l": "Importe", "currency_l": "Moneda",
        "receipt": "Justificante", "payment_part": "Parte de pago", "iban": "IBAN", "vat_id": "CIF",
        "reg": "Registro Mercantil de Sevilla, tomo {n}", "reg_office": "Domicilio social",
        "reading_prev": "Lectura anterior", "reading_cur": "Lectura actual", "consumption": "Consumo",
        "thanks": "Gracias por su pago.", "debit": "El importe se cargará en su cuenta el {date}.",
        "brand_of": "{brand} es una marca de {legal}",
        "first": ["Lucía", "Javier", "Carmen", "Pablo", "Marta", "Sergio", "Nuria", "Andrés"],
        "last": ["Castellanos", "Iglesias", "Moreno", "Navarro", "Herrera", "Vidal", "Ortega"],
        "cities": [("Sevilla", "41001"), ("Zaragoza", "50001"), ("Valencia", "46002"), ("Bilbao", "48001")],
        "streets": ["Calle Mayor {n}", "Avenida de la Constitución {n}", "Calle del Sol {n}", "Paseo del Prado {n}"],
        "firm": ["Albero", "Sierra Nevada", "Mirador", "Olivar", "Ribera", "Alhambra"],
        "legal": ["S.A.", "S.L.", "S.L.U."], "law_legal": "Abogados S.L.P.", "public": ["Ayuntamiento de {city}", "Diputación de {city}"],
        "sector": {"electricity": "Energía Comercializadora", "water": "Aguas", "telecom": "Telecomunicaciones",
                   "saas": "Software", "insurance": "Seguros", "hotel": "Hoteles", "car": "Alquiler de Vehículos",
                   "freight": "Tránsitos", "law": ""},
        "rates": ["21"],
    },
    "it": {
        "country": "IT", "currency": "EUR", "sign": "€", "sign_before": True, "decimal": ",", "group": ".",
        "short": "{d:02d}/{m:02d}/{y}", "period": ["dal {a} al {b}", "{a} - {b}"],
        "invoice": ["FATTURA", "La tua bolletta", "Fattura", "Avviso di scadenza"],
        "number": ["Numero fattura", "Fattura n.", "N. documento"], "date": ["Data fattura", "Data emissione", "Data"],
        "period_l": ["Periodo di fatturazione", "Periodo di riferimento", "Periodo"], "due": ["Scadenza", "Da pagare entro il", "Data scadenza"],
        "customer": "Codice cliente", "account": "Conto contrattuale", "contract": "Numero contratto",
        "meter": "Matricola contatore", "policy": "Numero polizza", "room": "Camera", "agreement": "Contratto di noleggio",
        "shipment": "Rif. spedizione", "matter": "Pratica", "file": "Protocollo", "bill_to": "Intestatario",
        "desc": "Descrizione", "qty": "Quantità", "unit": "Prezzo unitario", "amount": "Importo",
        "net": "Imponibile", "vat": "IVA {r}%", "ins_tax": "Imposte sui premi {r}%",
        "total": ["Totale fattura", "Totale bolletta", "Totale documento"],
        "prev": "Saldo precedente", "paid": "Pagamento ricevuto, grazie", "balance": ["Totale da pagare", "Importo da pagare", "Saldo dovuto"],
        "cf": "A riportare", "bf": "Riporto", "page": "Pagina {p} di {n}", "summary": "Riepilogo del conto",
        "charges": "Dettaglio degli importi", "slip": "Bollettino", "detach": "Staccare e allegare al pagamento",
        "ref": "Causale", "payee": "Beneficiario", "amount_l": "Importo", "currency_l": "Valuta",
        "receipt": "Ricevuta", "payment_part": "Sezione pagamento", "iban": "IBAN", "vat_id": "Partita IVA",
        "reg": "REA MI-{n}", "reg_office": "Sede legale",
        "reading_prev": "Lettura precedente", "reading_cur": "Lettura attuale", "consumption": "Consumo",
        "thanks": "Grazie per il pagamento.", "debit": "L'importo sarà addebitato sul tuo conto il {date}.",
        "brand_of": "{brand} è un marchio di {legal}",
        "first": ["Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Elena", "Davide"],
        "last": ["Ferraresi", "Colombo", "Marchetti", "Santoro", "Galli", "Benedetti", "Lombardi"],
        "cities": [("Bologna", "40121"), ("Verona", "37121"), ("Bergamo", "24121"), ("Parma", "43121")],
        "streets": ["Via Garibaldi {n}", "Via dei Mille {n}", "Corso Italia {n}", "Viale Roma {n}"],
        "firm": ["Aurora", "Dolomiti", "Levante", "Gardesana", "Sirio", "Orobica"],
        "legal": ["S.p.A.", "S.r.l."], "law_legal": "Studio Legale Associato", "public": ["Comune di {city}", "Provincia di {city}"],
        "sector": {"electricity": "Energia", "water": "Servizi Idrici", "telecom": "Telecomunicazioni", "saas": "Software",
                   "insurance": "Assicurazioni", "hotel": "Alberghi", "car": "Autonoleggio", "freight": "Spedizioni",
                   "law": ""},
        "rates": ["22", "10"],
    },
    "pt": {
        "country": "PT", "currency": "EUR", "sign": "€", "sign_before": False, "decimal": ",", "group": " ",
        "short": "{d:02d}/{m:02d}/{y}", "period": ["de {a} a {b}", "{a} - {b}"],
        "invoice": ["FATURA", "A sua fatura", "Fatura", "Aviso de pagamento"],
        "number": ["Fatura n.º", "N.º da fatura", "Número do documento"], "date": ["Data da fatura", "Data de emissão", "Data"],
        "period_l": ["Período de faturação", "Período de consumo", "Período"], "due": ["Data limite de pagamento", "Vencimento", "Pagar até"],
        "customer": "N.º de cliente", "account": "Conta cliente", "contract": "N.º de contrato",
        "meter": "N.º do contador", "policy": "Apólice n.º", "room": "Quarto", "agreement": "Contrato de aluguer",
        "shipment": "Processo n.º", "matter": "Processo", "file": "Referência", "bill_to": "Titular",
        "desc": "Descrição", "qty": "Quantidade", "unit": "Preço unitário", "amount": "Valor",
        "net": "Total sem IVA", "vat": "IVA {r}%", "ins_tax": "Imposto do selo {r}%",
        "total": ["Total da fatura", "Valor desta fatura", "Total"],
        "prev": "Saldo anterior", "paid": "Pagamento recebido, obrigado", "balance": ["Total a pagar", "Valor a pagar", "Saldo em dívida"],
        "cf": "A transportar", "bf": "Transporte", "page": "Página {p} de {n}", "summary": "Resumo da conta",
        "charges": "Detalhe da fatura", "slip": "Pagamento por referência", "detach": "Destaque e junte ao seu pagamento",
        "ref": "Referência", "payee": "Entidade", "amount_l": "Montante", "currency_l": "Moeda",
        "receipt": "Talão", "payment_part": "Secção de pagamento", "iban": "IBAN", "vat_id": "NIF",
        "reg": "Conservatória do Registo Comercial do Porto n.º {n}", "reg_office": "Sede",
        "reading_prev": "Leitura anterior", "reading_cur": "Leitura atual", "consumption": "Consumo",
        "thanks": "Obrigado pelo seu pagamento.", "debit": "O valor será debitado na sua conta em {date}.",
        "brand_of": "{brand} é uma marca de {legal}",
        "first": ["Inês", "João", "Mariana", "Tiago", "Beatriz", "Rui", "Catarina", "Miguel"],
        "last": ["Carvalho", "Figueiredo", "Sousa", "Antunes", "Monteiro", "Pinheiro", "Lopes"],
        "cities": [("Porto", "4000-123"), ("Braga", "4700-321"), ("Coimbra", "3000-456"), ("Faro", "8000-210")],
        "streets": ["Rua das Flores, {n}", "Avenida da Liberdade, {n}", "Rua do Carmo, {n}", "Travessa do Sol, {n}"],
        "firm": ["Atlântico", "Douro", "Alvorada", "Maré Alta", "Lusitana", "Tejo"],
        "legal": ["S.A.", "Lda."], "law_legal": "Sociedade de Advogados SP RL", "public": ["Câmara Municipal de {city}", "Serviços Municipalizados de {city}"],
        "sector": {"electricity": "Energia Comercial", "water": "Águas", "telecom": "Comunicações", "saas": "Software",
                   "insurance": "Seguros", "hotel": "Hotelaria", "car": "Rent-a-Car", "freight": "Transitários",
                   "law": ""},
        "rates": ["23"],
    },
    "pl": {
        "country": "PL", "currency": "PLN", "sign": "zł", "sign_before": False, "decimal": ",", "group": " ",
        "short": "{d:02d}.{m:02d}.{y}", "period": ["{a} - {b}", "od {a} do {b}"],
        "invoice": ["FAKTURA VAT", "Faktura", "Twój rachunek", "FAKTURA"],
        "number": ["Faktura nr", "Numer faktury", "Nr dokumentu"], "date": ["Data wystawienia", "Data", "Wystawiono"],
        "period_l": ["Okres rozliczeniowy", "Okres", "Za okres"], "due": ["Termin płatności", "Zapłać do", "Płatne do"],
        "customer": "Numer klienta", "account": "Konto klienta", "contract": "Numer umowy",
        "meter": "Numer licznika", "policy": "Numer polisy", "room": "Pokój", "agreement": "Umowa najmu",
        "shipment": "Numer zlecenia", "matter": "Sygnatura sprawy", "file": "Znak sprawy", "bill_to": "Nabywca",
        "desc": "Nazwa usługi", "qty": "Ilość", "unit": "Cena netto", "amount": "Wartość netto",
        "net": "Razem netto", "vat": "VAT {r}%", "ins_tax": "Podatek {r}%",
        "total": ["Razem brutto", "Kwota faktury", "Wartość brutto"],
        "prev": "Saldo z poprzedniego okresu", "paid": "Wpłaty otrzymane, dziękujemy", "balance": ["Do zapłaty", "Kwota do zapłaty", "Saldo do zapłaty"],
        "cf": "Do przeniesienia", "bf": "Z przeniesienia", "page": "Strona {p} z {n}", "summary": "Podsumowanie konta",
        "charges": "Szczegóły rozliczenia", "slip": "Polecenie przelewu", "detach": "Odetnij i dołącz do wpłaty",
        "ref": "Tytułem", "payee": "Odbiorca", "amount_l": "Kwota", "currency_l": "Waluta",
        "receipt": "Potwierdzenie", "payment_part": "Część płatnicza", "iban": "Nr rachunku", "vat_id": "NIP",
        "reg": "KRS {n}", "reg_office": "Siedziba",
        "reading_prev": "Wskazanie poprzednie", "reading_cur": "Wskazanie obecne", "consumption": "Zużycie",
        "thanks": "Dziękujemy za wpłatę.", "debit": "Kwota zostanie pobrana z Twojego rachunku {date}.",
        "brand_of": "{brand} jest marką {legal}",
        "first": ["Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł", "Agnieszka", "Marcin"],
        "last": ["Wiśniewski", "Kowalczyk", "Zieliński", "Szymański", "Dąbrowski", "Lewandowski"],
        "cities": [("Kraków", "30-001"), ("Poznań", "60-101"), ("Gdańsk", "80-001"), ("Wrocław", "50-001")],
        "streets": ["ul. Długa {n}", "ul. Ogrodowa {n}", "ul. Polna {n}", "al. Niepodległości {n}"],
        "firm": ["Bursztyn", "Wisła", "Tatry", "Zorza", "Mazury", "Jantar"],
        "legal": ["Sp. z o.o.", "S.A."], "law_legal": "Kancelaria Radców Prawnych sp.p.", "public": ["Urząd Miasta {city}", "Gmina {city}"],
        "sector": {"electricity": "Energia Obrót", "water": "Wodociągi", "telecom": "Telekomunikacja", "saas": "Software",
                   "insurance": "Ubezpieczenia", "hotel": "Hotele", "car": "Wynajem Samochodów", "freight": "Spedycja",
                   "law": ""},
        "rates": ["23"],
    },
    "sv": {
        "country": "SE", "currency": "SEK", "sign": "kr", "sign_before": False, "decimal": ",", "group": " ",
        "short": "{y}-{m:02d}-{d:02d}", "period": ["{a} - {b}", "{a} till {b}"],
        "invoice": ["FAKTURA", "Din faktura", "Faktura", "Premieavi"],
        "number": ["Fakturanummer", "Fakturanr", "OCR/Fakturanr"], "date": ["Fakturadatum", "Datum", "Utskriftsdatum"],
        "period_l": ["Faktureringsperiod", "Period", "Avser perioden"], "due": ["Förfallodatum", "Att betala senast", "Sista betalningsdag"],
        "customer": "Kundnummer", "account": "Kontonummer", "contract": "Avtalsnummer",
        "meter": "Mätarnummer", "policy": "Försäkringsnummer", "room": "Rum", "agreement": "Hyresavtal",
        "shipment": "Sändningsnummer", "matter": "Ärende", "file": "Diarienummer", "bill_to": "Fakturaadress",
        "desc": "Beskrivning", "qty": "Antal", "unit": "À-pris", "amount": "Belopp",
        "net": "Summa exkl. moms", "vat": "Moms {r} %", "ins_tax": "Skatt {r} %",
        "total": ["Summa denna faktura", "Fakturabelopp", "Totalt"],
        "prev": "Föregående saldo", "paid": "Inbetalt, tack", "balance": ["Att betala", "Belopp att betala", "Utgående saldo"],
        "cf": "Att transportera", "bf": "Transport", "page": "Sida {p} av {n}", "summary": "Kontosammanställning",
        "charges": "Specifikation", "slip": "Inbetalning/Girering", "detach": "Riv av och skicka med din betalning",
        "ref": "OCR-nummer", "payee": "Betalningsmottagare", "amount_l": "Belopp", "currency_l": "Valuta",
        "receipt": "Kvitto", "payment_part": "Betalningsdel", "iban": "IBAN", "vat_id": "Momsreg.nr",
        "reg": "Org.nr 5560{n}", "reg_office": "Säte",
        "reading_prev": "Föregående avläsning", "reading_cur": "Aktuell avläsning", "consumption": "Förbrukning",
        "thanks": "Tack för din betalning.", "debit": "Beloppet dras från ditt konto den {date} via autogiro.",
        "brand_of": "{brand} är ett varumärke som tillhör {legal}",
        "first": ["Erik", "Anna", "Lars", "Karin", "Johan", "Maria", "Olof", "Sara"],
        "last": ["Lindqvist", "Bergström", "Åkesson", "Nyström", "Holmberg", "Sjöberg", "Ekdahl"],
        "cities": [("Uppsala", "753 10"), ("Västerås", "722 12"), ("Örebro", "702 10"), ("Lund", "222 21")],
        "streets": ["Storgatan {n}", "Kyrkogatan {n}", "Järnvägsgatan {n}", "Sjövägen {n}"],
        "firm": ["Norrsken", "Fjällvik", "Sjöbris", "Granlunda", "Älvdalen", "Björkhaga"],
        "legal": ["AB", "Aktiebolag"], "law_legal": "Advokatbyrå AB", "public": ["{city} kommun", "Region {city}"],
        "sector": {"electricity": "Energi Försäljning", "water": "Vatten", "telecom": "Telekom", "saas": "Mjukvara",
                   "insurance": "Försäkring", "hotel": "Hotell", "car": "Biluthyrning", "freight": "Spedition",
                   "law": ""},
        "rates": ["25"],
    },
    "da": {
        "country": "DK", "currency": "DKK", "sign": "kr.", "sign_before": False, "decimal": ",", "group": ".",
        "short": "{d:02d}.{m:02d}.{y}", "period": ["{a} - {b}", "{a} til {b}"],
        "invoice": ["FAKTURA", "Din regning", "Faktura", "Opkrævning"],
        "number": ["Fakturanummer", "Fakturanr.", "Bilagsnr."], "date": ["Fakturadato", "Dato", "Udstedt"],
        "period_l": ["Afregningsperiode", "Periode", "Opkrævningsperiode"], "due": ["Sidste rettidige betalingsdag", "Forfaldsdato", "Betales senest"],
        "customer": "Kundenummer", "account": "Kontonummer", "contract": "Aftalenummer",
        "meter": "Målernummer", "policy": "Policenummer", "room": "Værelse", "agreement": "Lejekontrakt",
        "shipment": "Forsendelsesnr.", "matter": "Sagsnr.", "file": "Journalnr.", "bill_to": "Faktureres til",
        "desc": "Beskrivelse", "qty": "Antal", "unit": "Enhedspris", "amount": "Beløb",
        "net": "I alt ekskl. moms", "vat": "Moms {r} %", "ins_tax": "Afgift {r} %",
        "total": ["Denne faktura i alt", "Fakturabeløb", "I alt"],
        "prev": "Tidligere saldo", "paid": "Modtaget betaling, tak", "balance": ["Beløb til betaling", "At betale", "Saldo"],
        "cf": "Transport", "bf": "Transporteret", "page": "Side {p} af {n}", "summary": "Kontooversigt",
        "charges": "Specifikation", "slip": "Indbetalingskort", "detach": "Klip af og vedlæg din betaling",
        "ref": "Betalingsid", "payee": "Betalingsmodtager", "amount_l": "Beløb", "currency_l": "Valuta",
        "receipt": "Kvittering", "payment_part": "Betalingsdel", "iban": "IBAN", "vat_id": "CVR-nr.",
        "reg": "CVR {n}", "reg_office": "Hjemsted",
        "reading_prev": "Forrige aflæsning", "reading_cur": "Ny aflæsning", "consumption": "Forbrug",
        "thanks": "Tak for din betaling.", "debit": "Beløbet trækkes via Betalingsservice den {date}.",
        "brand_of": "{brand} er et varemærke tilhørende {legal}",
        "first": ["Mads", "Mette", "Søren", "Lene", "Rasmus", "Camilla", "Henrik", "Signe"],
        "last": ["Mikkelsen", "Kjærgaard", "Sørensen", "Thygesen", "Bødker", "Lauridsen", "Holm"],
        "cities": [("Aarhus", "8000"), ("Odense", "5000"), ("Aalborg", "9000"), ("Vejle", "7100")],
        "streets": ["Søndergade {n}", "Vestergade {n}", "Skovvej {n}", "Havnegade {n}"],
        "firm": ["Nordlys", "Havblik", "Skovbryn", "Fjordvang", "Engholm", "Klitgaard"],
        "legal": ["A/S", "ApS"], "law_legal": "Advokatpartnerselskab", "public": ["{city} Kommune", "{city} Forsyning"],
        "sector": {"electricity": "Energi", "water": "Vand", "telecom": "Telekom", "saas": "Software",
                   "insurance": "Forsikring", "hotel": "Hoteldrift", "car": "Biludlejning", "freight": "Spedition",
                   "law": ""},
        "rates": ["25"],
    },
    "cs": {
        "country": "CZ", "currency": "CZK", "sign": "Kč", "sign_before": False, "decimal": ",", "group": " ",
        "short": "{d}. {m}. {y}", "period": ["{a} - {b}", "od {a} do {b}"],
        "invoice": ["FAKTURA", "Vyúčtování", "Faktura - daňový doklad", "Předpis pojistného"],
        "number": ["Číslo faktury", "Faktura č.", "Číslo dokladu"], "date": ["Datum vystavení", "Vystaveno", "Datum"],
        "period_l": ["Zúčtovací období", "Období", "Fakturační období"], "due": ["Datum splatnosti", "Splatnost", "Splatné do"],
        "customer": "Zákaznické číslo", "account": "Číslo účtu zákazníka", "contract": "Číslo smlouvy",
        "meter": "Číslo elektroměru", "policy": "Číslo pojistky", "room": "Pokoj", "agreement": "Nájemní smlouva",
        "shipment": "Číslo zásilky", "matter": "Spisová značka", "file": "Číslo jednací", "bill_to": "Odběratel",
        "desc": "Popis", "qty": "Množství", "unit": "Cena za jednotku", "amount": "Částka",
        "net": "Základ daně", "vat": "DPH {r} %", "ins_tax": "Daň {r} %",
        "total": ["Celkem za tuto fakturu", "Fakturovaná částka", "Celkem"],
        "prev": "Předchozí zůstatek", "paid": "Přijaté platby, děkujeme", "balance": ["K úhradě", "Celkem k úhradě", "Zůstatek k úhradě"],
        "cf": "Převod", "bf": "Převod ze strany {p}", "page": "Strana {p} z {n}", "summary": "Přehled účtu",
        "charges": "Rozpis položek", "slip": "Platební údaje", "detach": "Odstřihněte a přiložte k platbě",
        "ref": "Variabilní symbol", "payee": "Příjemce", "amount_l": "Částka", "currency_l": "Měna",
        "receipt": "Potvrzení", "payment_part": "Platební část", "iban": "IBAN", "vat_id": "DIČ",
        "reg": "Zapsáno v OR u Městského soudu v Praze, oddíl C, vložka {n}", "reg_office": "Sídlo",
        "reading_prev": "Počáteční stav", "reading_cur": "Konečný stav", "consumption": "Spotřeba",
        "thanks": "Děkujeme za platbu.", "debit": "Částka bude stržena z Vašeho účtu dne {date}.",
        "brand_of": "{brand} je obchodní značka společnosti {legal}",
        "first": ["Jan", "Petr", "Jana", "Lucie", "Tomáš", "Tereza", "Martin", "Veronika"],
        "last": ["Dvořák", "Novák", "Veselý", "Procházka", "Němec", "Kučera", "Horák"],
        "cities": [("Brno", "602 00"), ("Olomouc", "779 00"), ("Plzeň", "301 00"), ("Liberec", "460 01")],
        "streets": ["Masarykova {n}", "Nádražní {n}", "Husova {n}", "Školní {n}"],
        "firm": ["Vltava", "Krkonoše", "Šumava", "Morava", "Javor", "Beskyd"],
        "legal": ["a.s.", "s.r.o."], "law_legal": "advokátní kancelář s.r.o.", "public": ["Statutární město {city}", "Magistrát města {city}"],
        "sector": {"electricity": "Energie", "water": "Vodárny", "telecom": "Telekomunikace", "saas": "Software",
                   "insurance": "Pojišťovna", "hotel": "Hotely", "car": "Autopůjčovna", "freight": "Spedice",
                   "law": ""},
        "rates": ["21"],
    },
    "fi": {
        "country": "FI", "currency": "EUR", "sign": "€", "sign_before": False, "decimal": ",", "group": " ",
        "short": "{d}.{m}.{y}", "period": ["{a} - {b}", "{a}-{b}"],
        "invoice": ["LASKU", "Laskusi", "Lasku", "Vakuutusmaksulasku"],
        "number": ["Laskun numero", "Laskunro", "Lasku nro"], "date": ["Laskun päiväys", "Päivämäärä", "Laskutuspäivä"],
        "period_l": ["Laskutuskausi", "Kulutusjakso", "Jakso"], "due": ["Eräpäivä", "Maksettava viimeistään", "Erääntyy"],
        "customer": "Asiakasnumero", "account": "Asiakastili", "contract": "Sopimusnumero",
        "meter": "Mittarin numero", "policy": "Vakuutusnumero", "room": "Huone", "agreement": "Vuokrasopimus",
        "shipment": "Lähetysnumero", "matter": "Asianumero", "file": "Diaarinumero", "bill_to": "Laskutusosoite",
        "desc": "Selite", "qty": "Määrä", "unit": "À-hinta", "amount": "Summa",
        "net": "Veroton yhteensä", "vat": "ALV {r} %", "ins_tax": "Vakuutusmaksuvero {r} %",
        "total": ["Tämä lasku yhteensä", "Laskun summa", "Yhteensä"],
        "prev": "Edellinen saldo", "paid": "Vastaanotetut maksut, kiitos", "balance": ["Maksettava", "Maksettava yhteensä", "Avoin saldo"],
        "cf": "Siirto", "bf": "Siirto edelliseltä sivulta", "page": "Sivu {p}/{n}", "summary": "Tilin yhteenveto",
        "charges": "Erittely", "slip": "Tilisiirto", "detach": "Irrota ja liitä maksuusi",
        "ref": "Viitenumero", "payee": "Saaja", "amount_l": "Euro", "currency_l": "Valuutta",
        "receipt": "Kuitti", "payment_part": "Maksuosa", "iban": "Saajan tilinumero", "vat_id": "ALV-tunniste",
        "reg": "Y-tunnus 2{n}-7", "reg_office": "Kotipaikka",
        "reading_prev": "Edellinen lukema", "reading_cur": "Uusi lukema", "consumption": "Kulutus",
        "thanks": "Kiitos maksustasi.", "debit": "Summa veloitetaan tililtäsi {date} suoramaksuna.",
        "brand_of": "{brand} on yhtiön {legal} tuotemerkki",
        "first": ["Mikko", "Laura", "Juha", "Anna", "Timo", "Hanna", "Petri", "Elina"],
        "last": ["Virtanen", "Mäkinen", "Järvinen", "Heikkinen", "Lehtonen", "Koskinen", "Hämäläinen"],
        "cities": [("Tampere", "33100"), ("Oulu", "90100"), ("Pori", "28100"), ("Jyväskylä", "40100")],
        "streets": ["Hämeenkatu {n}", "Koulukatu {n}", "Rantatie {n}", "Puistokatu {n}"],
        "firm": ["Revontuli", "Koivula", "Järvisydän", "Pohjantähti", "Saimaa", "Kalliola"],
        "legal": ["Oy", "Oyj"], "law_legal": "Asianajotoimisto Oy", "public": ["{city}n kaupunki", "{city}n Vesi"],
        "sector": {"electricity": "Energia", "water": "Vesihuolto", "telecom": "Tietoliikenne", "saas": "Ohjelmistot",
                   "insurance": "Vakuutus", "hotel": "Hotellit", "car": "Autovuokraamo", "freight": "Huolinta",
                   "law": ""},
        "rates": ["25.5", "24"],
    },
    "hu": {
        "country": "HU", "currency": "HUF", "sign": "Ft", "sign_before": False, "decimal": ",", "group": " ",
        "short": "{y}.{m:02d}.{d:02d}.", "period": ["{a} - {b}", "{a}-{b}"],
        "invoice": ["SZÁMLA", "Számla", "Elszámoló számla", "Díjértesítő"],
        "number": ["Számla sorszáma", "Számlaszám", "Sorszám"], "date": ["Számla kelte", "Kiállítás dátuma", "Kelt"],
        "period_l": ["Elszámolási időszak", "Számlázási időszak", "Időszak"], "due": ["Fizetési határidő", "Esedékesség", "Befizetési határidő"],
        "customer": "Ügyfélazonosító", "account": "Folyószámla", "contract": "Szerződésszám",
        "meter": "Mérőóra gyári száma", "policy": "Kötvényszám", "room": "Szoba", "agreement": "Bérleti szerződés",
        "shipment": "Szállítmányszám", "matter": "Ügyszám", "file": "Iktatószám", "bill_to": "Vevő",
        "desc": "Megnevezés", "qty": "Mennyiség", "unit": "Egységár", "amount": "Összeg",
        "net": "Nettó összesen", "vat": "ÁFA {r}%", "ins_tax": "Biztosítási adó {r}%",
        "total": ["Számla végösszege", "Bruttó összesen", "Összesen"],
        "prev": "Előző egyenleg", "paid": "Beérkezett befizetés, köszönjük", "balance": ["Fizetendő", "Fizetendő összeg", "Egyenleg"],
        "cf": "Átvitel", "bf": "Áthozat", "page": "{p}/{n}. oldal", "summary": "Folyószámla-összesítő",
        "charges": "Tételes elszámolás", "slip": "Készpénz-átutalási megbízás", "detach": "Kérjük, válassza le és csatolja a befizetéshez",
        "ref": "Közlemény", "payee": "Kedvezményezett", "amount_l": "Összeg", "currency_l": "Pénznem",
        "receipt": "Feladóvevény", "payment_part": "Fizetési rész", "iban": "IBAN", "vat_id": "Közösségi adószám",
        "reg": "Cégjegyzékszám 01-09-{n}", "reg_office": "Székhely",
        "reading_prev": "Előző mérőállás", "reading_cur": "Új mérőállás", "consumption": "Fogyasztás",
        "thanks": "Köszönjük befizetését.", "debit": "Az összeget {date} napon csoportos beszedéssel terheljük.",
        "brand_of": "A(z) {brand} a(z) {legal} márkaneve",
        "first": ["László", "Katalin", "Zoltán", "Eszter", "Gábor", "Judit", "Péter", "Ágnes"],
        "last": ["Nagy", "Kovács", "Szabó", "Tóth", "Horváth", "Varga", "Kiss"],
        "cities": [("Debrecen", "4025"), ("Szeged", "6720"), ("Pécs", "7621"), ("Győr", "9021")],
        "streets": ["Petőfi utca {n}.", "Kossuth Lajos utca {n}.", "Rákóczi út {n}.", "Fő tér {n}."],
        "firm": ["Tisza", "Mátra", "Balaton", "Bakony", "Hajnal", "Duna"],
        "legal": ["Zrt.", "Kft."], "law_legal": "Ügyvédi Iroda", "public": ["{city} Megyei Jogú Város Önkormányzata", "{city} Polgármesteri Hivatal"],
        "sector": {"electricity": "Energiakereskedő", "water": "Vízmű", "telecom": "Távközlési", "saas": "Szoftver",
                   "insurance": "Biztosító", "hotel": "Szállodaüzemeltető", "car": "Autókölcsönző", "freight": "Szállítmányozó",
                   "law": ""},
        "rates": ["27"],
    },
    "ro": {
        "country": "RO", "currency": "RON", "sign": "lei", "sign_before": False, "decimal": ",", "group": ".",
        "short": "{d:02d}.{m:02d}.{y}", "period": ["{a} - {b}", "{a} – {b}"],
        "invoice": ["FACTURĂ", "Factura ta", "Factură fiscală", "Factură"],
        "number": ["Număr factură", "Factura nr.", "Seria și nr."], "date": ["Data emiterii", "Data facturii", "Data"],
        "period_l": ["Perioada de facturare", "Perioada de consum", "Perioada"], "due": ["Data scadenței", "Scadență", "De plătit până la"],
        "customer": "Cod client", "account": "Cont contract", "contract": "Număr contract",
        "meter": "Serie contor", "policy": "Număr poliță", "room": "Camera", "agreement": "Contract de închiriere",
        "shipment": "Număr expediție", "matter": "Dosar", "file": "Număr înregistrare", "bill_to": "Cumpărător",
        "desc": "Denumire", "qty": "Cantitate", "unit": "Preț unitar", "amount": "Valoare",
        "net": "Total fără TVA", "vat": "TVA {r}%", "ins_tax": "Taxă {r}%",
        "total": ["Total factură curentă", "Valoare factură", "Total"],
        "prev": "Sold anterior", "paid": "Plăți primite, vă mulțumim", "balance": ["Total de plată", "Sumă de plată", "Sold de plată"],
        "cf": "Report", "bf": "Report de la pagina {p}", "page": "Pagina {p} din {n}", "summary": "Situația contului",
        "charges": "Detalii factură", "slip": "Ordin de plată", "detach": "Detașați și atașați la plată",
        "ref": "Referință plată", "payee": "Beneficiar", "amount_l": "Suma", "currency_l": "Moneda",
        "receipt": "Chitanță", "payment_part": "Secțiunea de plată", "iban": "IBAN", "vat_id": "CIF",
        "reg": "Nr. Reg. Com. J40/{n}/2015", "reg_office": "Sediul social",
        "reading_prev": "Index vechi", "reading_cur": "Index nou", "consumption": "Consum",
        "thanks": "Vă mulțumim pentru plată.", "debit": "Suma va fi debitată din contul dvs. la {date}.",
        "brand_of": "{brand} este o marcă a {legal}",
        "first": ["Andrei", "Ioana", "Mihai", "Elena", "Cristian", "Maria", "Radu", "Ana"],
        "last": ["Popescu", "Ionescu", "Dumitrescu", "Stănescu", "Constantinescu", "Marinescu", "Țurcanu"],
        "cities": [("Cluj-Napoca", "400001"), ("Iași", "700001"), ("Timișoara", "300001"), ("Brașov", "500001")],
        "streets": ["Str. Florilor nr. {n}", "Bd. Unirii nr. {n}", "Str. Mihai Eminescu nr. {n}", "Calea Victoriei nr. {n}"],
        "firm": ["Carpați", "Dunărea", "Bucegi", "Someș", "Mureș", "Olt"],
        "legal": ["S.A.", "S.R.L."], "law_legal": "SCA", "public": ["Primăria Municipiului {city}", "Direcția Fiscală {city}"],
        "sector": {"electricity": "Furnizare Energie", "water": "Apă Canal", "telecom": "Telecomunicații", "saas": "Software",
                   "insurance": "Asigurări", "hotel": "Hoteluri", "car": "Închirieri Auto", "freight": "Expediții",
                   "law": ""},
        "rates": ["19", "21"],
    },
    "tr": {
        "country": "TR", "currency": "TRY", "sign": "TL", "sign_before": False, "decimal": ",", "group": ".",
        "short": "{d:02d}.{m:02d}.{y}", "period": ["{a} - {b}", "{a} / {b}"],
        "invoice": ["FATURA", "Faturanız", "e-Arşiv Fatura", "Fatura"],
        "number": ["Fatura No", "Fatura Numarası", "Belge No"], "date": ["Fatura Tarihi", "Düzenleme Tarihi", "Tarih"],
        "period_l": ["Fatura Dönemi", "Tüketim Dönemi", "Dönem"], "due": ["Son Ödeme Tarihi", "Vade Tarihi", "Son ödeme"],
        "customer": "Müşteri No", "account": "Tesisat No", "contract": "Sözleşme No",
        "meter": "Sayaç No", "policy": "Poliçe No", "room": "Oda", "agreement": "Kira Sözleşmesi",
        "shipment": "Sevkiyat No", "matter": "Dosya No", "file": "Sayı", "bill_to": "Sayın",
        "desc": "Açıklama", "qty": "Miktar", "unit": "Birim Fiyat", "amount": "Tutar",
        "net": "Mal Hizmet Toplam Tutarı", "vat": "KDV %{r}", "ins_tax": "BSMV %{r}",
        "total": ["Vergiler Dahil Toplam Tutar", "Fatura Tutarı", "Genel Toplam"],
        "prev": "Önceki Bakiye", "paid": "Yapılan Ödemeler, teşekkürler", "balance": ["Ödenecek Tutar", "Toplam Borç", "Ödenecek Toplam"],
        "cf": "Nakli Yekün", "bf": "Önceki Sayfadan Devir", "page": "Sayfa {p}/{n}", "summary": "Hesap Özeti",
        "charges": "Fatura Detayı", "slip": "Ödeme Bildirimi", "detach": "Lütfen bu kısmı kesip ödemenizle birlikte gönderiniz",
        "ref": "Ödeme Referansı", "payee": "Alıcı", "amount_l": "Tutar", "currency_l": "Para Birimi",
        "receipt": "Alındı", "payment_part": "Ödeme Kısmı", "iban": "IBAN", "vat_id": "Vergi No",
        "reg": "Ticaret Sicil No {n}", "reg_office": "Merkez",
        "reading_prev": "İlk Endeks", "reading_cur": "Son Endeks", "consumption": "Tüketim",
        "thanks": "Ödemeniz için teşekkür ederiz.", "debit": "Tutar {date} tarihinde hesabınızdan otomatik ödenecektir.",
        "brand_of": "{brand}, {legal} markasıdır",
        "first": ["Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Burak", "Elif"],
        "last": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk"],
        "cities": [("İzmir", "35210"), ("Bursa", "16010"), ("Ankara", "06420"), ("Eskişehir", "26010")],
        "streets": ["Atatürk Cad. No:{n}", "Cumhuriyet Mah. Gül Sok. No:{n}", "İnönü Bulvarı No:{n}", "Kordon Boyu No:{n}"],
        "firm": ["Ege", "Anadolu", "Toros", "Marmara", "Kapadokya", "Boğaziçi"],
        "legal": ["A.Ş.", "Ltd. Şti."], "law_legal": "Hukuk Bürosu", "public": ["{city} Büyükşehir Belediyesi", "{city} Belediyesi"],
        "sector": {"electricity": "Elektrik Perakende Satış", "water": "Su", "telecom": "Telekomünikasyon", "saas": "Yazılım",
                   "insurance": "Sigorta", "hotel": "Otelcilik", "car": "Araç Kiralama", "freight": "Lojistik",
                   "law": ""},
        "rates": ["20"],
    },
}

ITEMS: dict[str, str] = {
    # key=words|key=words ... per language; the sectors below pick their items by key
    "en": "energy=Electricity, unit rate|standing=Standing charge|network=Network charges|water=Water supply|sewage=Wastewater|"
          "plan=Monthly plan|calls=Calls and messages|data=Extra mobile data|device=Handset instalment|"
          "subscription=Subscription, Business plan|seats=Additional users|storage=Extra storage|support=Priority support|"
          "premium=Premium|policy_fee=Policy administration fee|room=Accommodation|breakfast=Breakfast|minibar=Minibar|"
          "parking=Car park|rental=Vehicle hire|mileage=Excess mileage|fuel=Refuelling service|cdw=Collision damage waiver|"
          "freight=Ocean freight|customs=Customs clearance|handling=Terminal handling|docs=Documentation fee|"
          "fees=Professional fees|disbursements=Disbursements|court=Court fees|admin=Administrative fee|permit=Permit fee|copies=Certified copies",
    "en-US": "energy=Electric service, energy charge|standing=Customer charge|network=Delivery charge|water=Water usage|sewage=Sewer service|"
          "plan=Monthly plan|calls=Calls and texts|data=Data overage|device=Device payment|"
          "subscription=Subscription, Pro plan|seats=Additional seats|storage=Additional storage|support=Premium support|"
          "premium=Policy premium|policy_fee=Policy fee|room=Room charge|breakfast=Breakfast|minibar=Minibar|"
          "parking=Valet parking|rental=Time and mileage|mileage=Additional miles|fuel=Fuel service option|cdw=Loss damage waiver|"
          "freight=Ocean freight|customs=Customs entry|handling=Terminal handling|docs=Documentation fee|"
          "fees=Professional services|disbursements=Expenses|court=Filing fees|admin=Administrative fee|permit=Permit fee|copies=Certified copies",
    "de": "energy=Arbeitspreis Strom|standing=Grundpreis|network=Netzentgelte|water=Frischwasser|sewage=Schmutzwasser|"
          "plan=Monatlicher Grundpreis Tarif|calls=Verbindungen|data=Zusätzliches Datenvolumen|device=Gerät Ratenzahlung|"
          "subscription=Abonnement Business|seats=Zusätzliche Benutzer|storage=Zusätzlicher Speicher|support=Premium-Support|"
          "premium=Beitrag|policy_fee=Ratenzahlungszuschlag|room=Übernachtung|breakfast=Frühstück|minibar=Minibar|"
          "parking=Tiefgarage|rental=Mietpreis|mileage=Mehrkilometer|fuel=Betankung|cdw=Haftungsreduzierung|"
          "freight=Seefracht|customs=Verzollung|handling=Terminal Handling|docs=Dokumentengebühr|"
          "fees=Honorar|disbursements=Auslagenpauschale|court=Gerichtskosten|admin=Verwaltungsgebühr|permit=Genehmigungsgebühr|copies=Beglaubigte Abschriften",
    "fr": "energy=Consommation électricité|standing=Abonnement|network=Acheminement|water=Eau potable|sewage=Assainissement|"
          "plan=Forfait mensuel|calls=Communications|data=Données mobiles supplémentaires|device=Mensualité mobile|"
          "subscription=Abonnement Entreprise|seats=Utilisateurs supplémentaires|storage=Stockage supplémentaire|support=Assistance premium|"
          "premium=Cotisation|policy_fee=Frais de gestion|room=Hébergement|breakfast=Petit-déjeuner|minibar=Minibar|"
          "parking=Parking|rental=Location du véhicule|mileage=Kilomètres supplémentaires|fuel=Carburant|cdw=Rachat de franchise|"
          "freight=Fret maritime|customs=Dédouanement|handling=Manutention portuaire|docs=Frais de dossier|"
          "fees=Honoraires|disbursements=Débours|court=Frais de greffe|admin=Frais administratifs|permit=Droit d'autorisation|copies=Copies certifiées",
    "nl": "energy=Verbruik elektriciteit|standing=Vaste vergoeding|network=Nettarieven|water=Drinkwater|sewage=Saneringsbijdrage|"
          "plan=Maandelijks abonnement|calls=Gesprekken en sms|data=Extra mobiele data|device=Afbetaling toestel|"
          "subscription=Abonnement Business|seats=Extra gebruikers|storage=Extra opslag|support=Premium support|"
          "premium=Premie|policy_fee=Polisbeheerkosten|room=Overnachting|breakfast=Ontbijt|minibar=Minibar|"
          "parking=Parkeergarage|rental=Huurprijs voertuig|mileage=Extra kilometers|fuel=Tankservice|cdw=Vermindering eigen risico|"
          "freight=Zeevracht|customs=Inklaring|handling=Terminal handling|docs=Documentkosten|"
          "fees=Erelonen|disbursements=Kosten en uitgaven|court=Rolrechten|admin=Administratieve kosten|permit=Retributie vergunning|copies=Afschriften",
    "es": "energy=Energía consumida|standing=Término de potencia|network=Peajes de acceso|water=Agua|sewage=Alcantarillado|"
          "plan=Cuota mensual|calls=Llamadas|data=Datos adicionales|device=Plazo terminal|"
          "subscription=Suscripción Empresa|seats=Usuarios adicionales|storage=Almacenamiento adicional|support=Soporte prioritario|"
          "premium=Prima neta|policy_fee=Gastos de gestión|room=Alojamiento|breakfast=Desayuno|minibar=Minibar|"
          "parking=Aparcamiento|rental=Alquiler del vehículo|mileage=Kilómetros adicionales|fuel=Servicio de repostaje|cdw=Cobertura sin franquicia|"
          "freight=Flete marítimo|customs=Despacho de aduanas|handling=Manipulación en terminal|docs=Gastos de documentación|"
          "fees=Honorarios profesionales|disbursements=Suplidos|court=Tasas judiciales|admin=Tasa administrativa|permit=Licencia|copies=Copias compulsadas",
    "it": "energy=Spesa per la materia energia|standing=Quota fissa|network=Spesa per il trasporto|water=Acquedotto|sewage=Fognatura e depurazione|"
          "plan=Canone mensile|calls=Traffico telefonico|data=Traffico dati aggiuntivo|device=Rata smartphone|"
          "subscription=Abbonamento Business|seats=Utenti aggiuntivi|storage=Spazio aggiuntivo|support=Assistenza prioritaria|"
          "premium=Premio|policy_fee=Diritti di polizza|room=Pernottamento|breakfast=Colazione|minibar=Minibar|"
          "parking=Garage|rental=Noleggio veicolo|mileage=Chilometri extra|fuel=Rifornimento|cdw=Riduzione franchigia|"
          "freight=Nolo marittimo|customs=Operazioni doganali|handling=Movimentazione terminal|docs=Diritti documentali|"
          "fees=Compensi professionali|disbursements=Spese anticipate|court=Contributo unificato|admin=Diritti di segreteria|permit=Canone autorizzazione|copies=Copie conformi",
    "pt": "energy=Energia ativa|standing=Potência contratada|network=Acesso às redes|water=Abastecimento de água|sewage=Saneamento|"
          "plan=Mensalidade do tarifário|calls=Chamadas|data=Dados móveis adicionais|device=Prestação equipamento|"
          "subscription=Subscrição Empresas|seats=Utilizadores adicionais|storage=Armazenamento adicional|support=Suporte prioritário|"
          "premium=Prémio|policy_fee=Custo de apólice|room=Alojamento|breakfast=Pequeno-almoço|minibar=Minibar|"
          "parking=Estacionamento|rental=Aluguer de viatura|mileage=Quilómetros adicionais|fuel=Combustível|cdw=Redução de franquia|"
          "freight=Frete marítimo|customs=Desalfandegamento|handling=Movimentação portuária|docs=Despesas de documentação|"
          "fees=Honorários|disbursements=Despesas|court=Taxa de justiça|admin=Taxa administrativa|permit=Taxa de licenciamento|copies=Certidões",
    "pl": "energy=Energia czynna|standing=Opłata handlowa|network=Opłata dystrybucyjna|water=Dostawa wody|sewage=Odprowadzanie ścieków|"
          "plan=Abonament miesięczny|calls=Połączenia|data=Dodatkowy pakiet danych|device=Rata za telefon|"
          "subscription=Subskrypcja Business|seats=Dodatkowi użytkownicy|storage=Dodatkowa przestrzeń|support=Wsparcie priorytetowe|"
          "premium=Składka|policy_fee=Opłata administracyjna polisy|room=Nocleg|breakfast=Śniadanie|minibar=Minibar|"
          "parking=Parking|rental=Wynajem pojazdu|mileage=Dodatkowe kilometry|fuel=Tankowanie|cdw=Zniesienie udziału własnego|"
          "freight=Fracht morski|customs=Odprawa celna|handling=Obsługa terminalowa|docs=Opłata za dokumenty|"
          "fees=Wynagrodzenie|disbursements=Wydatki|court=Opłata sądowa|admin=Opłata administracyjna|permit=Opłata za zezwolenie|copies=Odpisy",
    "sv": "energy=Elförbrukning|standing=Fast avgift|network=Elnätsavgift|water=Vatten|sewage=Avlopp|"
          "plan=Månadsavgift abonnemang|calls=Samtal och sms|data=Extra surf|device=Delbetalning telefon|"
          "subscription=Prenumeration Business|seats=Extra användare|storage=Extra lagring|support=Premiumsupport|"
          "premium=Premie|policy_fee=Aviavgift|room=Logi|breakfast=Frukost|minibar=Minibar|"
          "parking=Garage|rental=Hyra fordon|mileage=Extra kilometer|fuel=Tankning|cdw=Självriskreducering|"
          "freight=Sjöfrakt|customs=Förtullning|handling=Terminalhantering|docs=Dokumentavgift|"
          "fees=Arvode|disbursements=Utlägg|court=Ansökningsavgift|admin=Expeditionsavgift|permit=Tillståndsavgift|copies=Bestyrkta kopior",
    "da": "energy=Elforbrug|standing=Fast abonnement|network=Nettarif|water=Vandforbrug|sewage=Vandafledning|"
          "plan=Månedligt abonnement|calls=Opkald og sms|data=Ekstra data|device=Afdrag på telefon|"
          "subscription=Abonnement Business|seats=Ekstra brugere|storage=Ekstra lagerplads|support=Prioriteret support|"
          "premium=Præmie|policy_fee=Opkrævningsgebyr|room=Overnatning|breakfast=Morgenmad|minibar=Minibar|"
          "parking=Parkering|rental=Leje af bil|mileage=Ekstra kilometer|fuel=Optankning|cdw=Selvrisikoreduktion|"
          "freight=Søfragt|customs=Fortoldning|handling=Terminalhåndtering|docs=Dokumentgebyr|"
          "fees=Honorar|disbursements=Udlæg|court=Retsafgift|admin=Administrationsgebyr|permit=Tilladelsesgebyr|copies=Bekræftede kopier",
    "cs": "energy=Silová elektřina|standing=Stálý plat|network=Distribuce elektřiny|water=Vodné|sewage=Stočné|"
          "plan=Měsíční paušál|calls=Hovory a SMS|data=Extra data|device=Splátka telefonu|"
          "subscription=Předplatné Business|seats=Další uživatelé|storage=Úložiště navíc|support=Prioritní podpora|"
          "premium=Pojistné|policy_fee=Poplatek za správu|room=Ubytování|breakfast=Snídaně|minibar=Minibar|"
          "parking=Parkování|rental=Pronájem vozidla|mileage=Kilometry navíc|fuel=Dotankování|cdw=Snížení spoluúčasti|"
          "freight=Námořní přeprava|customs=Celní odbavení|handling=Manipulace v terminálu|docs=Poplatek za dokumenty|"
          "fees=Odměna advokáta|disbursements=Hotové výdaje|court=Soudní poplatek|admin=Správní poplatek|permit=Poplatek za povolení|copies=Ověřené opisy",
    "fi": "energy=Sähköenergia|standing=Perusmaksu|network=Siirtomaksu|water=Käyttövesi|sewage=Jätevesi|"
          "plan=Kuukausimaksu|calls=Puhelut ja viestit|data=Lisädata|device=Laitteen osamaksu|"
          "subscription=Tilaus Business|seats=Lisäkäyttäjät|storage=Lisätallennustila|support=Premium-tuki|"
          "premium=Vakuutusmaksu|policy_fee=Laskutuslisä|room=Majoitus|breakfast=Aamiainen|minibar=Minibaari|"
          "parking=Pysäköinti|rental=Auton vuokra|mileage=Lisäkilometrit|fuel=Tankkaus|cdw=Omavastuun poisto|"
          "freight=Merirahti|customs=Tulliselvitys|handling=Terminaalikäsittely|docs=Asiakirjamaksu|"
          "fees=Palkkio|disbursements=Kulut|court=Oikeudenkäyntimaksu|admin=Käsittelymaksu|permit=Lupamaksu|copies=Oikeaksi todistetut jäljennökset",
    "hu": "energy=Villamosenergia-díj|standing=Alapdíj|network=Rendszerhasználati díj|water=Vízdíj|sewage=Csatornadíj|"
          "plan=Havi előfizetési díj|calls=Hívások és SMS|data=Extra adatforgalom|device=Készülékrészlet|"
          "subscription=Előfizetés Business|seats=További felhasználók|storage=Extra tárhely|support=Kiemelt támogatás|"
          "premium=Biztosítási díj|policy_fee=Kezelési költség|room=Szállás|breakfast=Reggeli|minibar=Minibár|"
          "parking=Parkolás|rental=Gépjármű bérleti díj|mileage=Többletkilométer|fuel=Tankolás|cdw=Önrész-csökkentés|"
          "freight=Tengeri fuvardíj|customs=Vámkezelés|handling=Terminálkezelés|docs=Okmányköltség|"
          "fees=Ügyvédi munkadíj|disbursements=Költségek|court=Eljárási illeték|admin=Igazgatási díj|permit=Engedélyezési díj|copies=Hiteles másolatok",
    "ro": "energy=Energie electrică activă|standing=Abonament|network=Tarif de distribuție|water=Apă potabilă|sewage=Canalizare|"
          "plan=Abonament lunar|calls=Convorbiri și SMS|data=Trafic date suplimentar|device=Rată telefon|"
          "subscription=Abonament Business|seats=Utilizatori suplimentari|storage=Spațiu de stocare suplimentar|support=Suport prioritar|"
          "premium=Primă de asigurare|policy_fee=Taxă de administrare|room=Cazare|breakfast=Mic dejun|minibar=Minibar|"
          "parking=Parcare|rental=Închiriere autoturism|mileage=Kilometri suplimentari|fuel=Alimentare carburant|cdw=Reducere franșiză|"
          "freight=Navlu maritim|customs=Vămuire|handling=Manipulare terminal|docs=Taxă documente|"
          "fees=Onorariu|disbursements=Cheltuieli|court=Taxă judiciară de timbru|admin=Taxă administrativă|permit=Taxă autorizație|copies=Copii certificate",
    "tr": "energy=Aktif Enerji Bedeli|standing=Sabit Ücret|network=Dağıtım Bedeli|water=Su Bedeli|sewage=Atık Su Bedeli|"
          "plan=Aylık Tarife Ücreti|calls=Görüşmeler ve SMS|data=Ek İnternet Paketi|device=Cihaz Taksiti|"
          "subscription=Abonelik İşletme Paketi|seats=Ek Kullanıcılar|storage=Ek Depolama|support=Öncelikli Destek|"
          "premium=Prim|policy_fee=Poliçe Masrafı|room=Konaklama|breakfast=Kahvaltı|minibar=Minibar|"
          "parking=Otopark|rental=Araç Kiralama Bedeli|mileage=Ek Kilometre|fuel=Yakıt Hizmeti|cdw=Hasar Muafiyeti|"
          "freight=Deniz Navlunu|customs=Gümrükleme|handling=Terminal Elleçleme|docs=Evrak Masrafı|"
          "fees=Vekalet Ücreti|disbursements=Masraflar|court=Harç|admin=İdari Ücret|permit=Ruhsat Harcı|copies=Onaylı Suretler",
}
# fmt: on


def items(lang: str) -> dict[str, str]:
    """The language's item wordings by key."""
    return dict(part.split("=", 1) for part in ITEMS[lang].split("|"))
