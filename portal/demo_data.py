"""What the demo cluster is made of: fictional companies, people, jobs and news.

Every company and person here is invented, and each company's name says so ("(demo)").
The real organizations of the ecosystem fixture get no invented vacancies.
"""

# name, slug, city, sectors, size band, founded, disciplines it hires in, what it does
COMPANIES = [
    (
        "Scheldt Antibodies (demo)",
        "scheldt-antibodies-demo",
        "Antwerp",
        ["health"],
        "51-200",
        2014,
        ["immunology", "molecular_biology", "bioprocess"],
        "engineers bispecific antibodies for solid tumours",
    ),
    (
        "Dijle Genomics (demo)",
        "dijle-genomics-demo",
        "Leuven",
        ["health", "digital"],
        "11-50",
        2019,
        ["bioinformatics", "molecular_biology"],
        "reads rare-disease genomes with long-read sequencing",
    ),
    (
        "Demer Medtech (demo)",
        "demer-medtech-demo",
        "Hasselt",
        ["medtech"],
        "51-200",
        2011,
        ["medtech_engineering", "regulatory", "clinical"],
        "builds wearable sensors that follow heart failure patients at home",
    ),
    (
        "Nete Cell Therapies (demo)",
        "nete-cell-therapies-demo",
        "Mechelen",
        ["health"],
        "51-200",
        2016,
        ["immunology", "bioprocess", "regulatory"],
        "manufactures autologous CAR-T cell therapies",
    ),
    (
        "Zenne Diagnostics (demo)",
        "zenne-diagnostics-demo",
        "Brussels",
        ["health", "medtech"],
        "11-50",
        2020,
        ["molecular_biology", "medtech_engineering", "regulatory"],
        "develops point-of-care tests for respiratory infections",
    ),
    (
        "Lys Crop Sciences (demo)",
        "lys-crop-sciences-demo",
        "Ghent",
        ["agrifood"],
        "51-200",
        2009,
        ["plant_science", "molecular_biology", "bioinformatics"],
        "breeds drought-tolerant wheat and maize with gene editing",
    ),
    (
        "Polder Proteins (demo)",
        "polder-proteins-demo",
        "Bruges",
        ["agrifood", "industrial"],
        "11-50",
        2021,
        ["bioprocess", "chemistry"],
        "ferments dairy-free proteins for the food industry",
    ),
    (
        "Mandel Bioprocessing (demo)",
        "mandel-bioprocessing-demo",
        "Kortrijk",
        ["industrial", "health"],
        "201-500",
        2005,
        ["bioprocess", "regulatory", "chemistry"],
        "runs GMP contract manufacturing of biologics",
    ),
    (
        "Rupel Enzymes (demo)",
        "rupel-enzymes-demo",
        "Niel",
        ["industrial"],
        "11-50",
        2017,
        ["chemistry", "bioprocess", "molecular_biology"],
        "designs enzymes that recycle textile fibres",
    ),
    (
        "Durme Vaccines (demo)",
        "durme-vaccines-demo",
        "Lokeren",
        ["health"],
        "201-500",
        2002,
        ["bioprocess", "immunology", "clinical"],
        "develops and produces mRNA vaccines",
    ),
    (
        "Maasland Imaging (demo)",
        "maasland-imaging-demo",
        "Genk",
        ["medtech", "digital"],
        "11-50",
        2018,
        ["medtech_engineering", "bioinformatics"],
        "makes AI software that reads lung CT scans",
    ),
    (
        "IJzer Data Labs (demo)",
        "ijzer-data-labs-demo",
        "Ypres",
        ["digital", "health"],
        "1-10",
        2023,
        ["bioinformatics", "business"],
        "builds data platforms for clinical trial sponsors",
    ),
    (
        "Dender Pharma Services (demo)",
        "dender-pharma-services-demo",
        "Aalst",
        ["health"],
        "51-200",
        2008,
        ["clinical", "regulatory", "business"],
        "runs early-phase clinical trials for biotech companies",
    ),
    (
        "Herk Microbiome (demo)",
        "herk-microbiome-demo",
        "Diepenbeek",
        ["health", "agrifood"],
        "11-50",
        2019,
        ["molecular_biology", "bioinformatics", "clinical"],
        "develops live biotherapeutics from gut bacteria",
    ),
    (
        "Gete Neurotherapeutics (demo)",
        "gete-neurotherapeutics-demo",
        "Leuven",
        ["health"],
        "11-50",
        2015,
        ["neuroscience", "molecular_biology", "clinical"],
        "discovers small molecules against Parkinson's disease",
    ),
    (
        "Zwin Marine Bio (demo)",
        "zwin-marine-bio-demo",
        "Ostend",
        ["industrial", "agrifood"],
        "1-10",
        2022,
        ["bioprocess", "chemistry", "plant_science"],
        "grows microalgae for omega-3 oils and pigments",
    ),
    (
        "Campine Bioplastics (demo)",
        "campine-bioplastics-demo",
        "Geel",
        ["industrial"],
        "51-200",
        2012,
        ["chemistry", "bioprocess"],
        "turns agricultural waste into biodegradable plastics",
    ),
    (
        "Mark Lab Automation (demo)",
        "mark-lab-automation-demo",
        "Mechelen",
        ["medtech", "digital"],
        "11-50",
        2016,
        ["medtech_engineering", "bioinformatics", "business"],
        "builds robots that run cell-culture labs around the clock",
    ),
    (
        "Marke RNA Therapeutics (demo)",
        "marke-rna-therapeutics-demo",
        "Ghent",
        ["health"],
        "11-50",
        2020,
        ["molecular_biology", "chemistry", "immunology"],
        "develops antisense oligonucleotides for muscle diseases",
    ),
    (
        "Zuidlede Clinical (demo)",
        "zuidlede-clinical-demo",
        "Ghent",
        ["health"],
        "51-200",
        2010,
        ["clinical", "regulatory"],
        "is a contract research organization for phase II and III trials",
    ),
    (
        "Laak Biosensors (demo)",
        "laak-biosensors-demo",
        "Leuven",
        ["medtech", "digital"],
        "1-10",
        2024,
        ["medtech_engineering", "chemistry"],
        "develops photonic chips that detect biomarkers in a drop of blood",
    ),
    (
        "Wilgen Seeds (demo)",
        "wilgen-seeds-demo",
        "Melle",
        ["agrifood"],
        "51-200",
        1998,
        ["plant_science", "business"],
        "breeds vegetable varieties for greenhouse growers",
    ),
]

# title, experience, contract, workplace
TITLES = {
    "immunology": [
        ("Senior scientist, antibody discovery", "senior", "permanent", "onsite"),
        ("Research associate, immunoassays", "junior", "permanent", "onsite"),
        ("Postdoc in tumour immunology", "medior", "postdoc", "onsite"),
        ("Flow cytometry specialist", "medior", "permanent", "onsite"),
        ("PhD student in T-cell engineering", "junior", "phd", "onsite"),
        ("Internship: antibody characterisation", "student", "internship", "onsite"),
    ],
    "molecular_biology": [
        ("Molecular biologist, CRISPR screening", "medior", "permanent", "onsite"),
        ("Lab technician, cell culture", "junior", "permanent", "onsite"),
        ("Senior scientist, assay development", "senior", "permanent", "hybrid"),
        ("Internship: qPCR assay validation", "student", "internship", "onsite"),
        ("PhD student in RNA biology", "junior", "phd", "onsite"),
        ("Team lead, protein sciences", "senior", "permanent", "onsite"),
    ],
    "bioinformatics": [
        ("Bioinformatician, single-cell data", "medior", "permanent", "hybrid"),
        ("Data engineer, clinical data platform", "medior", "permanent", "remote"),
        ("Senior data scientist, machine learning for biology", "senior", "permanent", "hybrid"),
        ("Internship: genome analysis pipelines", "student", "internship", "hybrid"),
        ("Computational biologist, long-read sequencing", "medior", "fixed_term", "hybrid"),
        ("Freelance Python developer, LIMS integrations", "senior", "freelance", "remote"),
    ],
    "bioprocess": [
        ("Upstream process engineer", "medior", "permanent", "onsite"),
        ("Downstream processing scientist", "medior", "permanent", "onsite"),
        ("Manufacturing technician, night shift", "junior", "permanent", "onsite"),
        ("Head of process development", "senior", "permanent", "onsite"),
        ("Fermentation scientist", "junior", "fixed_term", "onsite"),
        ("Internship: bioreactor scale-up", "student", "internship", "onsite"),
    ],
    "chemistry": [
        ("Analytical chemist, HPLC and mass spectrometry", "medior", "permanent", "onsite"),
        ("Medicinal chemist", "senior", "permanent", "onsite"),
        ("Polymer chemist", "medior", "permanent", "onsite"),
        ("Lab technician, analytical chemistry", "junior", "fixed_term", "onsite"),
        ("Internship: green chemistry", "student", "internship", "onsite"),
    ],
    "clinical": [
        ("Clinical research associate", "medior", "permanent", "hybrid"),
        ("Clinical project manager", "senior", "permanent", "hybrid"),
        ("Study coordinator, phase I unit", "junior", "permanent", "onsite"),
        ("Medical science liaison Benelux", "senior", "permanent", "remote"),
        ("Clinical data manager", "medior", "fixed_term", "hybrid"),
    ],
    "regulatory": [
        ("QA officer, GMP manufacturing", "medior", "permanent", "onsite"),
        ("Regulatory affairs manager, medical devices", "senior", "permanent", "hybrid"),
        ("Quality control analyst", "junior", "permanent", "onsite"),
        ("Qualified person (QP)", "senior", "permanent", "onsite"),
        ("Validation engineer", "medior", "fixed_term", "onsite"),
    ],
    "plant_science": [
        ("Plant breeder", "senior", "permanent", "onsite"),
        ("Greenhouse technician", "junior", "permanent", "onsite"),
        ("Plant geneticist, gene editing", "medior", "permanent", "onsite"),
        ("PhD student in root biology", "junior", "phd", "onsite"),
        ("Internship: field trials", "student", "internship", "onsite"),
    ],
    "neuroscience": [
        ("Neuroscientist, in vivo pharmacology", "medior", "permanent", "onsite"),
        ("Postdoc in neurodegeneration", "medior", "postdoc", "onsite"),
        ("Electrophysiologist", "senior", "permanent", "onsite"),
        ("Research associate, iPSC-derived neurons", "junior", "permanent", "onsite"),
    ],
    "medtech_engineering": [
        ("Embedded software engineer, medical devices", "medior", "permanent", "hybrid"),
        ("Hardware engineer, wearable sensors", "medior", "permanent", "onsite"),
        ("Systems engineer, IVD instruments", "senior", "permanent", "hybrid"),
        ("Internship: signal processing", "student", "internship", "hybrid"),
        ("Photonics engineer", "senior", "permanent", "onsite"),
        ("Test engineer, design verification", "junior", "fixed_term", "onsite"),
    ],
    "business": [
        ("Business developer, partnering", "senior", "permanent", "hybrid"),
        ("Product manager, lab software", "medior", "permanent", "hybrid"),
        ("Market access manager Benelux", "senior", "permanent", "remote"),
        ("Sales engineer, lab automation", "medior", "permanent", "hybrid"),
        ("Internship: market analysis", "student", "internship", "hybrid"),
    ],
}

TASKS = {
    "immunology": [
        "design and run ELISA, SPR and cell-based assays",
        "characterise antibody candidates for affinity and function",
        "culture primary immune cells and run flow cytometry panels",
        "present results in the weekly project meeting",
    ],
    "molecular_biology": [
        "design and clone constructs for expression and screening",
        "run qPCR, western blots and cell-based assays",
        "keep clear electronic lab notebook records",
        "work with automation engineers to scale up assays",
    ],
    "bioinformatics": [
        "build reproducible pipelines in Python and Nextflow",
        "analyse sequencing data together with lab scientists",
        "keep our data FAIR and our code reviewed",
        "explain results to people who do not code",
    ],
    "bioprocess": [
        "run and scale up fed-batch and perfusion processes",
        "write batch records and deviation reports",
        "transfer processes from development to GMP manufacturing",
        "improve yield and robustness with design of experiments",
    ],
    "chemistry": [
        "develop and validate analytical methods",
        "plan and run syntheses from milligram to kilogram scale",
        "interpret NMR, HPLC and mass spectrometry data",
        "keep the lab safe and well organised",
    ],
    "clinical": [
        "monitor clinical sites in Belgium and the Netherlands",
        "make sure studies follow ICH-GCP and the protocol",
        "coordinate with investigators, ethics committees and sponsors",
        "review data quality and follow up on queries",
    ],
    "regulatory": [
        "review batch records and release documentation",
        "lead deviations, CAPAs and change controls",
        "prepare audits and inspections",
        "keep our quality system lean and compliant",
    ],
    "plant_science": [
        "plan crosses and select lines from field and greenhouse trials",
        "phenotype plants with imaging and sensors",
        "work with molecular markers and gene-edited lines",
        "analyse trial data with the breeding team",
    ],
    "neuroscience": [
        "design and run in vivo and in vitro experiments",
        "analyse behavioural and electrophysiology data",
        "work with chemists on structure-activity relationships",
        "publish and present at scientific meetings",
    ],
    "medtech_engineering": [
        "design and test hardware and firmware for our devices",
        "write requirements and verification protocols",
        "work within ISO 13485 and IEC 62304",
        "support clinical studies with the device",
    ],
    "business": [
        "build relationships with pharma, biotech and investors",
        "turn customer needs into a clear roadmap",
        "prepare proposals, pricing and contracts",
        "represent the company at conferences such as Knowledge for Growth",
    ],
}

PROFILES = {
    "student": [
        "a master student in bioscience engineering, biochemistry or biomedical sciences",
        "available for at least four months",
        "curious, precise and eager to learn",
    ],
    "junior": [
        "a bachelor or master degree in life sciences or engineering",
        "first experience in a lab or company, for instance from an internship",
        "fluent English; Dutch or French is a plus",
    ],
    "medior": [
        "a master or PhD in a relevant field",
        "three to six years of experience, ideally in industry",
        "a structured way of working and good communication skills",
    ],
    "senior": [
        "a PhD or master with at least eight years of relevant experience",
        "a track record of leading projects and coaching people",
        "experience working with partners, regulators or customers",
    ],
}

OFFERS = [
    "a competitive salary with meal vouchers, hospitalisation and group insurance",
    "32 days off and flexible hours",
    "a training budget and time to go to conferences",
    "a bike lease and a company car or a mobility budget",
    "a small team where your work makes a visible difference",
    "a lab in the heart of the Flemish life-sciences cluster",
]

SALARIES = {
    "student": (None, None),
    "junior": (38000, 48000),
    "medior": (48000, 65000),
    "senior": (65000, 95000),
}

# Vacancies written in Dutch or French: the same jobs, as a Flemish or a French-speaking
# recruiter would write them. Titles without a translation stay English.
CITIES_NL = {
    "Ghent": "Gent",
    "Antwerp": "Antwerpen",
    "Bruges": "Brugge",
    "Ostend": "Oostende",
    "Ypres": "Ieper",
    "Brussels": "Brussel",
}
CITIES_FR = {
    "Ghent": "Gand",
    "Antwerp": "Anvers",
    "Brussels": "Bruxelles",
    "Leuven": "Louvain",
    "Mechelen": "Malines",
    "Ostend": "Ostende",
    "Kortrijk": "Courtrai",
    "Aalst": "Alost",
    "Lokeren": "Lokeren",
    "Genk": "Genk",
}
TITLES_NL = {
    "Research associate, immunoassays": "Onderzoeksmedewerker immunoassays",
    "Flow cytometry specialist": "Specialist flowcytometrie",
    "Internship: antibody characterisation": "Stage: karakterisering van antilichamen",
    "Lab technician, cell culture": "Laborant celcultuur",
    "Internship: qPCR assay validation": "Stage: validatie van qPCR-assays",
    "Team lead, protein sciences": "Teamleider eiwitonderzoek",
    "Internship: genome analysis pipelines": "Stage: pipelines voor genoomanalyse",
    "Upstream process engineer": "Procesingenieur upstream",
    "Manufacturing technician, night shift": "Productietechnicus nachtploeg",
    "Fermentation scientist": "Onderzoeker fermentatie",
    "Internship: bioreactor scale-up": "Stage: opschaling van bioreactoren",
    "Analytical chemist, HPLC and mass spectrometry": (
        "Analytisch chemicus HPLC en massaspectrometrie"
    ),
    "Lab technician, analytical chemistry": "Laborant analytische chemie",
    "Internship: green chemistry": "Stage: groene chemie",
    "Study coordinator, phase I unit": "Studiecoördinator fase I-eenheid",
    "Clinical research associate": "Klinisch onderzoeksmedewerker",
    "QA officer, GMP manufacturing": "Kwaliteitsmedewerker GMP-productie",
    "Quality control analyst": "Analist kwaliteitscontrole",
    "Validation engineer": "Validatie-ingenieur",
    "Plant breeder": "Plantenveredelaar",
    "Greenhouse technician": "Serretechnicus",
    "Internship: field trials": "Stage: veldproeven",
    "Research associate, iPSC-derived neurons": "Onderzoeksmedewerker iPSC-neuronen",
    "Test engineer, design verification": "Testingenieur ontwerpverificatie",
    "Hardware engineer, wearable sensors": "Hardware-ingenieur draagbare sensoren",
    "Sales engineer, lab automation": "Verkoopingenieur labautomatisering",
    "Internship: market analysis": "Stage: marktanalyse",
}
TITLES_FR = {
    "Research associate, immunoassays": "Assistant·e de recherche en immunoessais",
    "Postdoc in tumour immunology": "Post-doctorat en immunologie tumorale",
    "Lab technician, cell culture": "Technicien·ne de laboratoire en culture cellulaire",
    "Senior scientist, assay development": "Chercheuse ou chercheur senior, développement d'essais",
    "Downstream processing scientist": "Chercheur en purification (downstream)",
    "Head of process development": "Directrice ou directeur du développement des procédés",
    "Medicinal chemist": "Chimiste médicinal",
    "Clinical research associate": "Attaché·e de recherche clinique",
    "Clinical project manager": "Chef de projet clinique",
    "Medical science liaison Benelux": "Responsable des relations médicales Benelux",
    "Regulatory affairs manager, medical devices": (
        "Responsable des affaires réglementaires, dispositifs médicaux"
    ),
    "Quality control analyst": "Analyste en contrôle qualité",
    "Qualified person (QP)": "Pharmacien·ne responsable (personne qualifiée)",
    "Neuroscientist, in vivo pharmacology": "Chercheuse en neurosciences, pharmacologie in vivo",
    "Systems engineer, IVD instruments": "Ingénieur·e systèmes, instruments de diagnostic in vitro",
    "Business developer, partnering": "Responsable du développement commercial",
    "Market access manager Benelux": "Responsable de l'accès au marché Benelux",
    "Product manager, lab software": "Chef de produit, logiciels de laboratoire",
}

TASKS_NL = {
    "immunology": [
        "u ontwikkelt en voert ELISA-, SPR- en celgebaseerde assays uit",
        "u karakteriseert kandidaat-antilichamen op affiniteit en werking",
        "u kweekt primaire immuuncellen en analyseert ze met flowcytometrie",
    ],
    "molecular_biology": [
        "u ontwerpt en kloneert constructen voor expressie en screening",
        "u voert qPCR, westernblots en celgebaseerde assays uit",
        "u houdt uw resultaten nauwgezet bij in het elektronische labschrift",
    ],
    "bioinformatics": [
        "u bouwt reproduceerbare pipelines in Python en Nextflow",
        "u analyseert sequeneringsdata samen met de onderzoekers in het lab",
        "u legt resultaten helder uit aan collega's die niet programmeren",
    ],
    "bioprocess": [
        "u voert fed-batch- en perfusieprocessen uit en schaalt ze op",
        "u schrijft batchrecords en afwijkingsrapporten",
        "u draagt processen over van ontwikkeling naar GMP-productie",
    ],
    "chemistry": [
        "u ontwikkelt en valideert analytische methoden",
        "u interpreteert NMR-, HPLC- en massaspectrometriedata",
        "u zorgt voor een veilig en goed georganiseerd labo",
    ],
    "clinical": [
        "u volgt klinische centra in België en Nederland op",
        "u bewaakt dat studies de ICH-GCP-richtlijnen en het protocol volgen",
        "u werkt samen met onderzoekers, ethische comités en sponsors",
    ],
    "regulatory": [
        "u beoordeelt batchrecords en vrijgavedocumenten",
        "u leidt afwijkingen, CAPA's en wijzigingsbeheer",
        "u bereidt audits en inspecties voor",
    ],
    "plant_science": [
        "u plant kruisingen en selecteert lijnen uit veld- en serreproeven",
        "u fenotypeert planten met beeldvorming en sensoren",
        "u analyseert proefgegevens samen met het veredelingsteam",
    ],
    "neuroscience": [
        "u ontwerpt en voert in-vivo- en in-vitro-experimenten uit",
        "u analyseert gedrags- en elektrofysiologische data",
        "u presenteert uw resultaten op wetenschappelijke congressen",
    ],
    "medtech_engineering": [
        "u ontwerpt en test hardware en firmware voor onze toestellen",
        "u schrijft vereisten en verificatieprotocollen",
        "u werkt volgens ISO 13485 en IEC 62304",
    ],
    "business": [
        "u bouwt relaties op met farma- en biotechbedrijven en investeerders",
        "u vertaalt de noden van klanten in een duidelijke roadmap",
        "u vertegenwoordigt het bedrijf op congressen zoals Knowledge for Growth",
    ],
}
TASKS_FR = {
    "immunology": [
        "vous développez et réalisez des essais ELISA, SPR et cellulaires",
        "vous caractérisez l'affinité et la fonction des anticorps candidats",
        "vous cultivez des cellules immunitaires primaires et les analysez en cytométrie",
    ],
    "molecular_biology": [
        "vous concevez et clonez des constructions pour l'expression et le criblage",
        "vous réalisez des qPCR, des western blots et des essais cellulaires",
        "vous tenez rigoureusement votre cahier de laboratoire électronique",
    ],
    "bioinformatics": [
        "vous construisez des pipelines reproductibles en Python et Nextflow",
        "vous analysez les données de séquençage avec les chercheurs du laboratoire",
        "vous expliquez clairement vos résultats à des collègues qui ne programment pas",
    ],
    "bioprocess": [
        "vous conduisez et mettez à l'échelle des procédés en fed-batch et en perfusion",
        "vous rédigez les dossiers de lot et les rapports de déviation",
        "vous transférez les procédés du développement vers la production GMP",
    ],
    "chemistry": [
        "vous développez et validez des méthodes analytiques",
        "vous interprétez des données RMN, HPLC et de spectrométrie de masse",
        "vous veillez à un laboratoire sûr et bien organisé",
    ],
    "clinical": [
        "vous assurez le suivi des centres d'investigation en Belgique et aux Pays-Bas",
        "vous veillez au respect des BPC (ICH-GCP) et du protocole",
        "vous travaillez avec les investigateurs, les comités d'éthique et les promoteurs",
    ],
    "regulatory": [
        "vous revoyez les dossiers de lot et la documentation de libération",
        "vous pilotez les déviations, les CAPA et la maîtrise des changements",
        "vous préparez les audits et les inspections",
    ],
    "plant_science": [
        "vous planifiez les croisements et sélectionnez les lignées en champ et en serre",
        "vous phénotypez les plantes par imagerie et capteurs",
        "vous analysez les données d'essais avec l'équipe de sélection",
    ],
    "neuroscience": [
        "vous concevez et réalisez des expériences in vivo et in vitro",
        "vous analysez des données comportementales et d'électrophysiologie",
        "vous présentez vos résultats lors de congrès scientifiques",
    ],
    "medtech_engineering": [
        "vous concevez et testez le matériel et le micrologiciel de nos dispositifs",
        "vous rédigez les exigences et les protocoles de vérification",
        "vous travaillez selon les normes ISO 13485 et IEC 62304",
    ],
    "business": [
        "vous développez nos relations avec les entreprises pharmaceutiques et les investisseurs",
        "vous traduisez les besoins des clients en une feuille de route claire",
        "vous représentez l'entreprise lors de congrès comme Knowledge for Growth",
    ],
}

PROFILES_NL = {
    "student": [
        "u studeert bio-ingenieur, biochemie of biomedische wetenschappen",
        "u bent minstens vier maanden beschikbaar",
        "u bent nieuwsgierig, nauwkeurig en leergierig",
    ],
    "junior": [
        "u hebt een bachelor- of masterdiploma in de levenswetenschappen",
        "u hebt eerste ervaring in een labo, bijvoorbeeld tijdens een stage",
        "u spreekt vlot Nederlands en Engels",
    ],
    "medior": [
        "u hebt een master of doctoraat in een relevant vakgebied",
        "u hebt drie tot zes jaar ervaring, bij voorkeur in de industrie",
        "u werkt gestructureerd en communiceert helder",
    ],
    "senior": [
        "u hebt een doctoraat of master en minstens acht jaar relevante ervaring",
        "u hebt projecten geleid en mensen gecoacht",
        "u werkt graag samen met partners, overheden en klanten",
    ],
}
PROFILES_FR = {
    "student": [
        "vous êtes étudiant·e en bioingénierie, biochimie ou sciences biomédicales",
        "vous êtes disponible pendant au moins quatre mois",
        "vous êtes curieux·se, précis·e et avez envie d'apprendre",
    ],
    "junior": [
        "vous avez un bachelier ou un master en sciences du vivant",
        "vous avez une première expérience en laboratoire, par exemple lors d'un stage",
        "vous parlez couramment le français et l'anglais",
    ],
    "medior": [
        "vous avez un master ou un doctorat dans un domaine pertinent",
        "vous avez trois à six ans d'expérience, idéalement dans l'industrie",
        "vous travaillez de façon structurée et communiquez clairement",
    ],
    "senior": [
        "vous avez un doctorat ou un master et au moins huit ans d'expérience pertinente",
        "vous avez mené des projets et encadré des équipes",
        "vous aimez travailler avec des partenaires, des autorités et des clients",
    ],
}
OFFERS_NL = [
    "een competitief loon met maaltijdcheques, hospitalisatie- en groepsverzekering",
    "32 vakantiedagen en flexibele werkuren",
    "een opleidingsbudget en tijd om congressen bij te wonen",
    "een fietslease en een bedrijfswagen of mobiliteitsbudget",
]
OFFERS_FR = [
    "un salaire compétitif avec chèques-repas, assurance hospitalisation et assurance groupe",
    "32 jours de congé et des horaires flexibles",
    "un budget de formation et du temps pour participer à des congrès",
    "un vélo en leasing et une voiture de société ou un budget mobilité",
]

# first name, last name, headline, city, disciplines, skills, education, years, visibility
PEOPLE = [
    (
        "Lotte",
        "Janssens",
        "Bioinformatician moving from academia to industry",
        "Ghent",
        ["bioinformatics"],
        ["python", "nextflow", "single-cell rna-seq", "r"],
        "phd",
        5,
        "verified_companies",
    ),
    (
        "Arne",
        "Peeters",
        "Process engineer with GMP experience",
        "Antwerp",
        ["bioprocess"],
        ["fermentation", "downstream processing", "gmp"],
        "master",
        6,
        "verified_companies",
    ),
    (
        "Yasmine",
        "El Amrani",
        "Clinical research associate, Dutch, French and English",
        "Brussels",
        ["clinical"],
        ["ich-gcp", "site monitoring", "edc"],
        "master",
        3,
        "public",
    ),
    (
        "Pieter",
        "De Smet",
        "Analytical chemist",
        "Leuven",
        ["chemistry"],
        ["hplc", "mass spectrometry", "method validation"],
        "master",
        4,
        "verified_companies",
    ),
    (
        "Sara",
        "Vermeulen",
        "Plant scientist looking for a breeding role",
        "Ghent",
        ["plant_science"],
        ["phenotyping", "crispr", "field trials"],
        "phd",
        2,
        "verified_companies",
    ),
    (
        "Thomas",
        "Claes",
        "Embedded engineer in medical devices",
        "Hasselt",
        ["medtech_engineering"],
        ["c", "firmware", "iec 62304"],
        "master",
        7,
        "verified_companies",
    ),
    (
        "Ines",
        "Goossens",
        "Immunologist, flow cytometry and ELISA",
        "Mechelen",
        ["immunology"],
        ["flow cytometry", "elisa", "cell culture"],
        "master",
        1,
        "public",
    ),
    (
        "Jonas",
        "Willems",
        "QA officer",
        "Kortrijk",
        ["regulatory"],
        ["gmp", "capa", "audits"],
        "bachelor",
        5,
        "private",
    ),
    (
        "Fien",
        "Maes",
        "Master student in biomedical sciences",
        "Leuven",
        ["molecular_biology"],
        ["pcr", "cloning", "western blot"],
        "bachelor",
        0,
        "public",
    ),
    (
        "Bram",
        "Wouters",
        "Neuroscientist",
        "Leuven",
        ["neuroscience"],
        ["electrophysiology", "in vivo pharmacology", "python"],
        "phd",
        4,
        "verified_companies",
    ),
]

NEWS = [
    (
        "Knowledge for Growth 2027: the programme takes shape",
        "The cluster's yearly conference returns in May 2027, with a job fair for the first time.",
        "The programme of **Knowledge for Growth 2027** takes shape.\n\n"
        "- plenary sessions on cell and gene therapy, AI in drug discovery and agrifood\n"
        "- a job fair where companies meet students and job seekers\n"
        "- one-to-one partnering meetings\n\n"
        "Registration is open on the event's page.",
        2,
        "knowledge-for-growth-2027",
    ),
    (
        "Scheldt Antibodies (demo) opens a second lab in Antwerp",
        "A fictional demo story: the company doubles its lab space and hires twelve people.",
        "*This is demo content about a fictional company.*\n\n"
        "Scheldt Antibodies (demo) opens a second lab in Antwerp and hires twelve scientists and "
        "technicians this year. Its open positions are on the job board.",
        5,
        None,
    ),
    (
        "Demo: three new cluster members",
        "Demo news: Laak Biosensors, IJzer Data Labs and Zwin Marine Bio join the cluster.",
        "*Demo content.* Three young companies join the cluster this month:\n\n"
        "- Laak Biosensors (demo), photonic biosensors from Leuven\n"
        "- IJzer Data Labs (demo), clinical data platforms from Ypres\n"
        "- Zwin Marine Bio (demo), microalgae from Ostend",
        11,
        None,
    ),
    (
        "BioBizz Cafe: students meet companies in Ghent",
        "An informal evening where students and young researchers meet life-sciences companies.",
        "The next **BioBizz Cafe** brings students and companies together in Ghent. "
        "Register on the event's page: places are limited.",
        18,
        "biobizz-cafe-ghent-2026",
    ),
    (
        "Demo: how to write a vacancy people read",
        "Short titles, a salary range and a clear list of tasks: demo tips for recruiters.",
        "*Demo content.* Vacancies with a salary range get more applications.\n\n"
        "1. Keep the title short and specific.\n"
        "2. Give the salary range.\n"
        "3. List what the person will do, then what you offer.",
        30,
        None,
    ),
]

# The demo recruiter's own company, Leie Biologics (demo), from fixtures/demo.json.
# title, contract, experience, discipline, workplace, salary min, salary max
LEIE_VACANCIES = [
    (
        "Senior scientist, antibody engineering",
        "permanent",
        "senior",
        "immunology",
        "onsite",
        65000,
        85000,
    ),
    (
        "Bioinformatician, antibody repertoires",
        "permanent",
        "medior",
        "bioinformatics",
        "hybrid",
        55000,
        70000,
    ),
    (
        "Internship: protein purification",
        "internship",
        "student",
        "molecular_biology",
        "onsite",
        None,
        None,
    ),
    ("PhD student in immuno-oncology", "phd", "junior", "immunology", "onsite", None, None),
    ("QA officer GMP manufacturing", "fixed_term", "medior", "regulatory", "onsite", 50000, 62000),
]
LEIE_DESCRIPTION = (
    "*Demo vacancy of a fictional company:* **{title}**.\n\n"
    "You join a team of 30 people in Zwijnaarde that engineers antibodies for "
    "inflammatory diseases.\n\n"
    "- Work with state-of-the-art equipment\n"
    "- Collaborate with academic research groups\n"
    "- Training budget and flexible hours"
)

# What staff wrote in Dutch and French, as translations of the English originals.
# The first news item, by field name.
NEWS_TRANSLATIONS = {
    "title_nl": "Knowledge for Growth 2027: het programma krijgt vorm",
    "summary_nl": (
        "Het jaarlijkse congres van de cluster komt terug in mei 2027, voor het eerst met een "
        "jobbeurs."
    ),
    "body_nl": (
        "<p>Het programma van <strong>Knowledge for Growth 2027</strong> krijgt vorm.</p>"
        "<ul><li>plenaire sessies over cel- en gentherapie, AI in geneesmiddelenonderzoek en "
        "agrofood</li><li>een jobbeurs waar bedrijven studenten en werkzoekenden ontmoeten</li>"
        "<li>een-op-eengesprekken met mogelijke partners</li></ul>"
        "<p>U schrijft zich in op de pagina van het evenement.</p>"
    ),
    "title_fr": "Knowledge for Growth 2027 : le programme se précise",
    "summary_fr": (
        "Le congrès annuel du cluster revient en mai 2027, avec pour la première fois un salon "
        "de l'emploi."
    ),
    "body_fr": (
        "<p>Le programme de <strong>Knowledge for Growth 2027</strong> se précise.</p>"
        "<ul><li>des sessions plénières sur la thérapie cellulaire et génique, l'IA dans la "
        "recherche de médicaments et l'agroalimentaire</li><li>un salon de l'emploi où les "
        "entreprises rencontrent étudiants et candidats</li><li>des rendez-vous individuels "
        "avec des partenaires potentiels</li></ul>"
        "<p>Vous vous inscrivez sur la page de l'événement.</p>"
    ),
}
# The about page, by field name.
ABOUT_TRANSLATIONS = {
    "title_nl": "Over het portaal",
    "body_nl": (
        "<p>Het Flanders Life Sciences Portal is de online thuis van de life-sciencescluster "
        "van Vlaanderen: de onderzoeksinstituten, universiteiten, academische ziekenhuizen, "
        "incubatoren en wetenschapsparken, bedrijven, investeerders en overheidsdiensten die "
        "samen van de regio een van de belangrijkste biotechcentra van Europa maken.</p>"
        "<h3>Wat u hier vindt</h3><ul>"
        "<li><strong>De gids</strong> van de organisaties van het ecosysteem.</li>"
        "<li><strong>Vacatures</strong> van geverifieerde organisaties, nagekeken door de "
        "beheerders voor ze online komen.</li>"
        "<li><strong>Evenementen</strong> van de cluster, van Knowledge for Growth tot de "
        "BioBizz Cafes.</li></ul>"
    ),
    "title_fr": "À propos du portail",
    "body_fr": (
        "<p>Le Flanders Life Sciences Portal est la maison en ligne du cluster des sciences "
        "du vivant de Flandre : les instituts de recherche, universités, hôpitaux "
        "universitaires, incubateurs et parcs scientifiques, entreprises, investisseurs et "
        "administrations qui font ensemble de la région l'un des principaux pôles biotech "
        "d'Europe.</p>"
        "<h3>Ce que vous trouvez ici</h3><ul>"
        "<li><strong>L'annuaire</strong> des organisations de l'écosystème.</li>"
        "<li><strong>Des offres d'emploi</strong> d'organisations vérifiées, relues par "
        "l'équipe avant leur publication.</li>"
        "<li><strong>Les événements</strong> du cluster, de Knowledge for Growth aux BioBizz "
        "Cafes.</li></ul>"
    ),
}
