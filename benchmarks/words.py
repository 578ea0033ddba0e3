"""The vocabulary of the synthetic corpus: fabricated but plausible names and phrases, each in
English and French, with the French agreement the sentence builders need."""

from __future__ import annotations

ROOTS = ["Nordlys", "Veridian", "Alcyon", "Brightwave", "Castellan", "Daventry", "Equinox", "Fjordline",
         "Galena", "Helix", "Ibex", "Juniper", "Kestrel", "Lumen", "Meridian", "Northgate", "Orion",
         "Peregrine", "Quantis", "Riverton", "Solstice", "Tessera", "Umbra", "Vantage", "Westmark", "Xylo",
         "Yarrow", "Zephyr", "Arcadia", "Beacon", "Cobalt", "Delphine", "Ember", "Falcon", "Granite",
         "Harbor", "Iris", "Jasper", "Kinetic", "Larkspur"]

# (name suffix, what it does in English, in French)
SECTORS = [
    ("Analytics", "a data analytics company that sells audience measurement to publishers",
     "une entreprise d’analyse de données qui vend de la mesure d’audience aux éditeurs"),
    ("Telecom", "a telecoms operator running mobile and fibre networks in several member states",
     "un opérateur de télécommunications qui exploite des réseaux mobiles et fibre dans plusieurs États membres"),
    ("Cloud", "a cloud provider hosting software and data for European businesses",
     "un fournisseur de services en nuage qui héberge des logiciels et des données pour des entreprises européennes"),
    ("Media", "a media group publishing news sites and running a video platform",
     "un groupe de médias qui publie des sites d’information et exploite une plateforme vidéo"),
    ("Payments", "a payments company processing card and mobile payments for online shops",
     "une entreprise de paiement qui traite les paiements par carte et par mobile des boutiques en ligne"),
    ("Mobility", "a ride-hailing and delivery platform working with independent drivers",
     "une plateforme de VTC et de livraison qui travaille avec des chauffeurs indépendants"),
    ("Health", "a digital health company offering teleconsultations and a symptom checker",
     "une entreprise de santé numérique qui propose des téléconsultations et un outil d’orientation médicale"),
    ("Games", "a video game publisher with an online store for its own titles",
     "un éditeur de jeux vidéo doté d’une boutique en ligne pour ses propres titres"),
    ("Music", "a music streaming service with paid and free subscriptions",
     "un service de musique en streaming proposant des abonnements gratuits et payants"),
    ("Robotics", "a maker of industrial robots and the software that drives them",
     "un fabricant de robots industriels et des logiciels qui les pilotent"),
    ("Security", "a cybersecurity company selling threat detection to banks and hospitals",
     "une entreprise de cybersécurité qui vend de la détection de menaces aux banques et aux hôpitaux"),
    ("Networks", "a social network for professionals with its own messaging service",
     "un réseau social professionnel doté de sa propre messagerie"),
    ("Software", "a software company whose office suite is used by public administrations",
     "un éditeur de logiciels dont la suite bureautique est utilisée par des administrations publiques"),
    ("Retail", "an online marketplace where independent sellers reach buyers across the Union",
     "une place de marché en ligne où des vendeurs indépendants touchent des acheteurs dans toute l’Union"),
    ("AI", "an artificial intelligence start-up training large language models",
     "une jeune pousse de l’intelligence artificielle qui entraîne de grands modèles de langage"),
    ("Devices", "a maker of smartphones and connected speakers with its own app store",
     "un fabricant de smartphones et d’enceintes connectées doté de sa propre boutique d’applications"),
]

# (English adjective, French masculine, French feminine)
COUNTRIES = [("Danish", "danois", "danoise"), ("Dutch", "néerlandais", "néerlandaise"), ("French", "français", "française"),
             ("German", "allemand", "allemande"), ("Irish", "irlandais", "irlandaise"), ("Italian", "italien", "italienne"),
             ("Spanish", "espagnol", "espagnole"), ("Swedish", "suédois", "suédoise"), ("Polish", "polonais", "polonaise"),
             ("Belgian", "belge", "belge"), ("Austrian", "autrichien", "autrichienne"), ("Finnish", "finlandais", "finlandaise"),
             ("Portuguese", "portugais", "portugaise"), ("Czech", "tchèque", "tchèque"), ("Greek", "grec", "grecque")]

# (English name pattern, French name pattern with a {m} or {f} adjective, what it does in English, in French)
PUBLIC_BODIES = [
    ("{c} Competition Authority", "Autorité {f} de la concurrence",
     "the national competition authority", "l’autorité nationale de la concurrence"),
    ("{c} Data Protection Commission", "Commission {f} de protection des données",
     "the national data protection authority", "l’autorité nationale de protection des données"),
    ("{c} Media Regulator", "Régulateur {m} des médias",
     "the national regulator of broadcasting and online video", "le régulateur national de l’audiovisuel et de la vidéo en ligne"),
    ("{c} Digital Ministry", "Ministère {m} du Numérique",
     "the government department in charge of digital policy", "le ministère chargé de la politique numérique"),
]
ASSOCIATIONS = [
    ("European Association of {s} Providers", "Association européenne des fournisseurs de {s}"),
    ("{s} Consumers’ Forum", "Forum des consommateurs de {s}"),
    ("Coalition for Open {s}", "Coalition pour des {s} ouverts"),
]
ASSOCIATION_TOPICS = [("Cloud", "services en nuage"), ("Streaming", "services de streaming"), ("Search", "moteurs de recherche"),
                      ("App", "applications"), ("Data", "données"), ("Platform", "plateformes"), ("Messaging", "messageries")]

FIRST = ["Anna", "Lars", "Sofia", "Pieter", "Claire", "Mateo", "Ingrid", "Tomasz", "Elena", "Jonas", "Marta", "Henrik",
         "Chiara", "Niamh", "Jakub", "Lea", "Olivier", "Aino", "Rui", "Katerina", "Viktor", "Amélie", "Bruno", "Dana",
         "Emil", "Freya", "Gustav", "Hanna", "Ivo", "Julia", "Karl", "Lucia", "Milan", "Nora", "Oskar", "Paula",
         "Rasmus", "Sara", "Teodor", "Vera"]
LAST = ["Andersen", "Bakker", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Horvat", "Ivanova", "Jansen",
        "Kowalski", "Lambert", "Moreau", "Nielsen", "O’Brien", "Petit", "Quinn", "Rossi", "Schmidt", "Tanaka",
        "Urbán", "Varga", "Weber", "Yilmaz", "Zimmermann", "Aalto", "Berger", "Conti", "De Smet", "Esposito",
        "Fontaine", "Gruber", "Hansen", "Iglesias", "Jovanović", "Keller", "Lindqvist", "Marino", "Novak", "Ortega",
        "Pereira", "Ricci", "Santos", "Thomsen", "Vidal", "Wagner", "Xu", "Young", "Zieliński", "Mercier"]
TITLES = [("Chief executive officer", "Président-directeur général"), ("Head of public policy", "Directrice des affaires publiques"),
          ("General counsel", "Directeur juridique"), ("Chief technology officer", "Directrice technique"),
          ("Chair", "Présidente"), ("Spokesperson", "Porte-parole"), ("Head of European affairs", "Directeur des affaires européennes")]

# Issue names: (topic in English, in French) × (where, in English, in French).
TOPICS = [("Data portability", "La portabilité des données"), ("Training AI on public data", "L’entraînement de l’IA sur des données publiques"),
          ("Interoperability obligations", "Les obligations d’interopérabilité"), ("Age verification", "La vérification de l’âge"),
          ("Transparency of content moderation", "La transparence de la modération des contenus"),
          ("Lawful access to encrypted messages", "L’accès légal aux messages chiffrés"), ("Data localisation", "La localisation des données"),
          ("Audits of recommender systems", "Les audits des systèmes de recommandation"),
          ("Fees on alternative payment systems", "Les frais sur les systèmes de paiement alternatifs"),
          ("Network fair share payments", "La contribution équitable aux réseaux"),
          ("Exemptions for open-source AI", "Les exemptions pour l’IA open source"),
          ("Copyright and AI training", "Le droit d’auteur et l’entraînement de l’IA"),
          ("Cookie consent", "Le consentement aux cookies"), ("The status of platform workers", "Le statut des travailleurs des plateformes"),
          ("Cross-border data transfers", "Les transferts transfrontaliers de données"),
          ("Self-preferencing by gatekeepers", "L’autopréférence des contrôleurs d’accès"),
          ("Targeting of political advertising", "Le ciblage de la publicité politique"), ("Switching charges", "Les frais de "
                                                                                                                "changement de fournisseur"),
          ("Default choice screens", "Les écrans de choix par défaut"), ("Cybersecurity labelling", "L’étiquetage de cybersécurité")]
PLACES = [("in cloud services", "dans les services en nuage"), ("for social networks", "pour les réseaux sociaux"),
          ("in app stores", "dans les boutiques d’applications"), ("for music streaming", "pour la musique en streaming"),
          ("on online marketplaces", "sur les places de marché en ligne"), ("for search engines", "pour les moteurs de recherche"),
          ("for messaging services", "pour les messageries"), ("in connected cars", "dans les voitures connectées"),
          ("for video platforms", "pour les plateformes vidéo"), ("in online advertising", "dans la publicité en ligne")]
INSTRUMENTS = [("regulation", "Digital Markets Act", "Règlement sur les marchés numériques", "DMA", "32022R1925"),
               ("regulation", "Digital Services Act", "Règlement sur les services numériques", "DSA", "32022R2065"),
               ("regulation", "Artificial Intelligence Act", "Règlement sur l’intelligence artificielle", "AI Act", "32024R1689"),
               ("regulation", "General Data Protection Regulation", "Règlement général sur la protection des données", "GDPR", "32016R0679"),
               ("directive", "ePrivacy Directive", "Directive vie privée et communications électroniques", "ePrivacy", "32002L0058"),
               ("regulation", "Data Act", "Règlement sur les données", "Data Act", "32023R2854"),
               ("directive", "Copyright Directive", "Directive sur le droit d’auteur", "CDSM", "32019L0790"),
               ("regulation", "European Media Freedom Act", "Règlement européen sur la liberté des médias", "EMFA", "32024R1083"),
               ("directive", "NIS 2 Directive", "Directive NIS 2", "NIS 2", "32022L2555"),
               ("regulation", "Cyber Resilience Act", "Règlement sur la cyberrésilience", "CRA", "32024R2847")]

# Quotes: an opening, a subject (French gender and number), a predicate (French singular and plural), an ending.
OPENINGS = [("", ""), ("We believe that ", "Nous pensons que "), ("In our view, ", "À notre avis, "),
            ("Frankly, ", "Franchement, "), ("We are convinced that ", "Nous sommes convaincus que "),
            ("Let me be clear: ", "Soyons clairs : ")]
SUBJECTS = [("these rules", "ces règles", "pl"), ("the proposal", "la proposition", "sg"), ("this regulation", "ce règlement", "sg"),
            ("the Commission’s approach", "l’approche de la Commission", "sg"), ("the current framework", "le cadre actuel", "sg"),
            ("such obligations", "de telles obligations", "pl"), ("the new procedure", "la nouvelle procédure", "sg")]
PREDICATES = [("will hold back innovation across Europe", "freinera l’innovation dans toute l’Europe", "freineront l’innovation dans toute l’Europe"),
              ("will protect consumers without stifling competition", "protégera les consommateurs sans étouffer la concurrence",
               "protégeront les consommateurs sans étouffer la concurrence"),
              ("will leave European users with fewer choices", "laissera aux utilisateurs européens moins de choix",
               "laisseront aux utilisateurs européens moins de choix"),
              ("will create legal uncertainty for small developers", "créera une insécurité juridique pour les petits développeurs",
               "créeront une insécurité juridique pour les petits développeurs"),
              ("will finally give users control over their data", "donnera enfin aux utilisateurs le contrôle de leurs données",
               "donneront enfin aux utilisateurs le contrôle de leurs données"),
              ("will make it harder to compete with the largest platforms", "rendra plus difficile la concurrence avec les plus grandes plateformes",
               "rendront plus difficile la concurrence avec les plus grandes plateformes"),
              ("will raise costs for every European business", "augmentera les coûts de toutes les entreprises européennes",
               "augmenteront les coûts de toutes les entreprises européennes"),
              ("will bring much-needed transparency to the market", "apportera au marché une transparence indispensable",
               "apporteront au marché une transparence indispensable"),
              ("will delay the launch of new services in the Union", "retardera le lancement de nouveaux services dans l’Union",
               "retarderont le lancement de nouveaux services dans l’Union"),
              ("will strengthen trust in digital services", "renforcera la confiance dans les services numériques",
               "renforceront la confiance dans les services numériques")]
ENDINGS = [("", ""), (" for years to come", " pendant des années"), (", and we will say so to regulators", ", et nous le dirons aux régulateurs"),
           (", whatever the intentions behind the text", ", quelles que soient les intentions du texte"),
           (" unless the timetable changes", " si le calendrier ne change pas")]
FRAGMENTS = [("a step backwards", "un pas en arrière"), ("an unworkable compromise", "un compromis inapplicable"),
             ("a missed opportunity", "une occasion manquée"), ("bureaucracy for its own sake", "de la bureaucratie pour la bureaucratie"),
             ("a welcome first step", "un premier pas bienvenu"), ("deeply disappointing", "profondément décevant"),
             ("long overdue", "attendu depuis trop longtemps"), ("a tax on innovation", "une taxe sur l’innovation")]
CONTEXTS = [("in a blog post", "dans un billet de blog"), ("in an interview", "dans un entretien"),
            ("at a press conference in Brussels", "lors d’une conférence de presse à Bruxelles"),
            ("in a hearing of the European Parliament", "lors d’une audition au Parlement européen"),
            ("in a statement to the press", "dans une déclaration à la presse"),
            ("on a call with analysts", "lors d’une conférence avec des analystes")]

# Sentences around the quotes and excerpts in the archived texts: {s} is the speaker's name.
QUOTE_FRAMES = {"en": ["“{q},” {s} said.", "According to {s}, “{q}”.", "In a statement, {s} said: “{q}.”"],
                "fr": ["« {q} », a déclaré {s}.", "Selon {s}, « {q} ».", "Dans un communiqué, {s} a affirmé : « {q} »."]}
FRAGMENT_FRAMES = {"en": ["{s} described the plan as “{q}”.", "{s} called the text “{q}”."],
                   "fr": ["{s} a qualifié le projet de « {q} ».", "Pour {s}, le texte est « {q} »."]}
FILLER = {"en": ["The European Commission is expected to publish its guidance in the coming months.",
                 "Several member states have asked for a longer transition period.",
                 "Industry groups have been lobbying on the text since the first draft was published.",
                 "Consumer organisations welcomed the move but said enforcement would be the real test.",
                 "The Parliament’s rapporteur declined to comment on the negotiations.",
                 "Smaller competitors say they lack the legal resources to comply on time.",
                 "Analysts expect the dispute to end up before the Court of Justice.",
                 "The rules apply to companies above a threshold of users in the Union."],
          "fr": ["La Commission européenne devrait publier ses lignes directrices dans les prochains mois.",
                 "Plusieurs États membres ont demandé une période de transition plus longue.",
                 "Les groupes d’intérêt du secteur font pression sur le texte depuis la publication du premier projet.",
                 "Les associations de consommateurs ont salué la mesure, tout en estimant que son application sera le vrai test.",
                 "Le rapporteur du Parlement n’a pas souhaité commenter les négociations.",
                 "Les concurrents plus modestes affirment ne pas disposer des moyens juridiques pour se conformer à temps.",
                 "Les analystes s’attendent à ce que le différend soit porté devant la Cour de justice.",
                 "Les règles s’appliquent aux entreprises qui dépassent un seuil d’utilisateurs dans l’Union."]}
OUTLETS = {"en": ["The Brussels Ledger", "Tech Policy Weekly", "The Digital Review", "Euro Markets Daily"],
           "fr": ["Le Courrier numérique", "La Gazette des réseaux", "L’Observateur européen", "Les Échos du numérique"]}
EVENT_KINDS = [("{o} publishes its response to the consultation on {i}", "{o} publie sa réponse à la consultation sur {i}"),
               ("{o} meets Commission officials about {i}", "{o} rencontre des fonctionnaires de la Commission au sujet {de_i}"),
               ("{o} announces changes to its services because of {i}", "{o} annonce des changements dans ses services en raison {de_i}"),
               ("{o} testifies before the European Parliament on {i}", "{o} témoigne devant le Parlement européen sur {i}")]

# What a source reports as fact about an organisation: (English, French), {k} a number, {y} a year.
FACTS = [("has more than {k} million users in the European Union", "compte plus de {k} millions d’utilisateurs dans l’Union européenne"),
         ("was fined {k} million euros by a national regulator in {y}", "a reçu en {y} une amende de {k} millions d’euros d’un régulateur national"),
         ("changed its terms of service for users in the Union in {y}", "a modifié en {y} ses conditions d’utilisation pour les "
                                                                        "utilisateurs de l’Union"),
         ("employs about {k}00 people in Europe", "emploie environ {k}00 personnes en Europe"),
         ("opened an office in Brussels in {y}", "a ouvert un bureau à Bruxelles en {y}"),
         ("spent {k} million euros on lobbying in {y}", "a dépensé {k} millions d’euros en lobbying en {y}")]
PARTNERSHIP_TYPES = {"product-integration": ("product integration", "intégration de produits"),
                     "commercial": ("commercial agreement", "accord commercial"),
                     "policy-alliance": ("joint front on EU rules", "front commun sur les règles européennes"),
                     "investment": ("investment", "investissement"), "other": ("cooperation", "coopération")}
SOURCE_KINDS = {"news-report": ("news report", "Article de presse"), "company-statement": ("company statement", "Communiqué d’entreprise"),
                "regulator-decision": ("regulator’s decision", "Décision d’un régulateur"), "other": ("document", "Document")}
