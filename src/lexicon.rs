//! Word lists the entity rules consult. The large ones are generated files compiled in from
//! `data/lexicons/` (sources and licences in its README); the small ones are written here, each
//! for one rule.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

fn set(data: &'static str) -> HashSet<&'static str> {
    data.lines().filter(|l| !l.is_empty()).collect()
}

/// Given names (US Census 1990), capitalised: "Jeff", "Nicole".
pub fn is_given_name(word: &str) -> bool {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES
        .get_or_init(|| set(include_str!("../data/lexicons/given_names.txt")))
        .contains(word)
}

/// The words at least 1% of news articles use (AllSides sample), each with the share of articles
/// that use it (0.01–1): "said" 0.83, "year" 0.52, "police" 0.12.
pub fn news_words() -> impl Iterator<Item = (&'static str, f32)> {
    include_str!("../data/lexicons/news_words.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(word, per_10k)| (word, per_10k.parse::<f32>().unwrap_or(0.0) / 10_000.0))
}

/// Words the AllSides sample writes right after given names ("Buttigieg", "Maddow"): alone, most
/// likely a person named by surname.
pub fn is_surname(word: &str) -> bool {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES
        .get_or_init(|| set(include_str!("../data/lexicons/surnames.txt")))
        .contains(word)
}

/// Words news text writes mostly in lowercase ("criticism", "groups"): capitalised mid-sentence
/// they are rarely names. Any case matches ("Groups", "GROUPS"); plurals of listed words count too
/// ("studies" for "study").
pub fn is_common_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| set(include_str!("../data/lexicons/common_words.txt")));
    // Short ASCII words (nearly all) are lowercased on the stack: this runs for every capitalised
    // token of a corpus.
    let mut buffer = [0u8; 32];
    let owned;
    let lowercase = if word.is_ascii() && word.len() <= buffer.len() {
        let bytes = &mut buffer[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        std::str::from_utf8(bytes).unwrap_or(word)
    } else {
        owned = word.to_lowercase();
        owned.as_str()
    };
    let stem_listed = |suffix: &str, ending: &str| {
        lowercase.strip_suffix(suffix).is_some_and(|stem| {
            if ending.is_empty() {
                words.contains(stem)
            } else {
                words.contains(format!("{stem}{ending}").as_str())
            }
        })
    };
    words.contains(lowercase)
        || stem_listed("s", "")
        || stem_listed("es", "")
        || stem_listed("ies", "y")
}

/// The type ("ORG", "PLACE" or "PRODUCT") of a name news text often uses without saying what it
/// is: outlets and programmes ("Stars and Stripes", "Meet the Press"), government bodies, parties,
/// companies, teams, public programmes ("Medicare"). Matched whole, ignoring case, apostrophes,
/// dots and hyphens ("G.O.P." is "GOP", "Al-Qaeda" is "Al Qaeda").
pub fn known_name_type(name: &str) -> Option<&'static str> {
    struct Known {
        names: HashMap<String, &'static str>,
        /// The first word of every name, keyed like the names: most capitalised runs start with
        /// none of them, and are turned down without building their whole key.
        first_words: HashSet<String>,
    }
    static KNOWN: OnceLock<Known> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let names: HashMap<String, &'static str> = include_str!("../data/lexicons/known_names.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(name, kind)| (known_name_key(name), kind))
            .collect();
        let first_words = names
            .keys()
            .map(|k| k.split(' ').next().unwrap_or_default().to_string())
            .collect();
        Known { names, first_words }
    });
    let first = name.split(|c: char| c.is_whitespace() || c == '-').next()?;
    with_known_name_key(first, |key| known.first_words.contains(key))
        .then(|| with_known_name_key(name, |key| known.names.get(key).copied()))
        .flatten()
}

/// Calls `f` with the key of `name`: its words lowercased, without apostrophes or dots, joined by
/// single spaces. Built on the stack for the short ASCII names nearly all are (this runs for
/// every capitalised run of a corpus).
fn with_known_name_key<T>(name: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 64];
    if !name.is_ascii() || name.len() > buffer.len() {
        return f(&known_name_key(name));
    }
    let mut len = 0;
    for word in name_words(name) {
        if len > 0 {
            buffer[len] = b' ';
            len += 1;
        }
        for b in word.bytes().filter(|b| !matches!(b, b'\'' | b'.')) {
            buffer[len] = b.to_ascii_lowercase();
            len += 1;
        }
    }
    f(std::str::from_utf8(&buffer[..len]).unwrap_or_default())
}

fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
}

fn known_name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name_words(name) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(
            word.chars()
                .filter(|c| !matches!(c, '\'' | '’' | '.'))
                .flat_map(char::to_lowercase),
        );
    }
    key
}

/// What kind of place the gazetteer says a name is: "country", "state", "continent", "city", or
/// "region" for the hand-written regions and aliases below.
pub fn place_kind(name: &str) -> Option<&'static str> {
    places().get(name).copied()
}

fn places() -> &'static HashMap<&'static str, &'static str> {
    static PLACES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    PLACES.get_or_init(|| {
        let mut places: HashMap<&str, &str> = include_str!("../data/lexicons/places.tsv")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect();
        places.extend(COUNTRY_ALIASES.iter().map(|(alias, _)| (*alias, "country")));
        places.extend(REGIONS.iter().map(|r| (*r, "region")));
        places.extend(STATE_ABBREVIATIONS.iter().map(|(a, _)| (*a, "state")));
        places
    })
}

/// Countries, US states, continents and large cities (GeoNames), plus the aliases below.
pub fn is_place(name: &str) -> bool {
    place_kind(name).is_some()
}

/// Other names of countries, and the canonical name each stands for.
pub const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("U.S.A.", "United States"),
    ("America", "United States"),
    ("United States of America", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("England", "England"),
    ("Scotland", "Scotland"),
    ("Wales", "Wales"),
    ("UAE", "United Arab Emirates"),
    ("South Korea", "South Korea"),
    ("North Korea", "North Korea"),
    ("Russia", "Russia"),
    ("Iran", "Iran"),
    ("Syria", "Syria"),
    ("Vietnam", "Vietnam"),
    ("Taiwan", "Taiwan"),
    ("Palestine", "Palestine"),
    ("Czech Republic", "Czechia"),
    ("Holland", "Netherlands"),
    ("D.C.", "Washington, D.C."),
    ("DC", "Washington, D.C."),
    ("Washington, D.C.", "Washington, D.C."),
];

/// Acronyms news uses with one meaning, whatever else their letters could spell: "AP" is the
/// Associated Press, not a law firm "Arnold & Porter" named elsewhere in the corpus. Such an
/// acronym joins only a name with the words of its meaning (in any order, as translation leaves
/// them).
const KNOWN_ACRONYMS: &[(&str, &str)] = &[
    ("AP", "Associated Press"),
    ("ACLU", "American Civil Liberties Union"),
    ("NRA", "National Rifle Association"),
    ("FBI", "Federal Bureau of Investigation"),
    ("CIA", "Central Intelligence Agency"),
    ("NSA", "National Security Agency"),
    ("DHS", "Department of Homeland Security"),
    ("DOJ", "Department of Justice"),
    ("EPA", "Environmental Protection Agency"),
    ("CDC", "Centers for Disease Control and Prevention"),
    ("DNC", "Democratic National Committee"),
    ("RNC", "Republican National Committee"),
    ("NATO", "North Atlantic Treaty Organization"),
    ("UN", "United Nations"),
    ("EU", "European Union"),
    ("WHO", "World Health Organization"),
    ("IRS", "Internal Revenue Service"),
    ("NPR", "National Public Radio"),
    ("CNN", "Cable News Network"),
    ("CBS", "Columbia Broadcasting System"),
    ("NBC", "National Broadcasting Company"),
    ("ABC", "American Broadcasting Company"),
    ("CBO", "Congressional Budget Office"),
    ("GAO", "Government Accountability Office"),
    ("ICE", "Immigration and Customs Enforcement"),
    ("IMF", "International Monetary Fund"),
    ("FDA", "Food and Drug Administration"),
    ("SEC", "Securities and Exchange Commission"),
    ("FEC", "Federal Election Commission"),
    (
        "OECD",
        "Organization for Economic Cooperation and Development",
    ),
    ("AWS", "Amazon Web Services"),
];

/// The meaning of an acronym news uses with one ("AP" → "Associated Press").
pub fn acronym_meaning(acronym: &str) -> Option<&'static str> {
    KNOWN_ACRONYMS
        .iter()
        .find(|(a, _)| *a == acronym)
        .map(|(_, meaning)| *meaning)
}

/// The canonical name of a country alias ("U.S." → "United States"), or of the canonical name
/// itself.
pub fn country_canonical(name: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let canonical = COUNTRY_ALIASES.iter().map(|(_, name)| (*name, *name));
        COUNTRY_ALIASES.iter().copied().chain(canonical).collect()
    })
    .get(name)
    .copied()
}

/// US state abbreviations in AP style, with their dot ("Calif.", "Mich."; the tokenizer keeps
/// the dot of dotted ones like "N.Y." already), and the state each stands for.
const STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Ala.", "Alabama"),
    ("Ariz.", "Arizona"),
    ("Ark.", "Arkansas"),
    ("Calif.", "California"),
    ("Colo.", "Colorado"),
    ("Conn.", "Connecticut"),
    ("Del.", "Delaware"),
    ("Fla.", "Florida"),
    ("Ga.", "Georgia"),
    ("Ill.", "Illinois"),
    ("Ind.", "Indiana"),
    ("Kan.", "Kansas"),
    ("Kans.", "Kansas"),
    ("Ky.", "Kentucky"),
    ("La.", "Louisiana"),
    ("Md.", "Maryland"),
    ("Mass.", "Massachusetts"),
    ("Mich.", "Michigan"),
    ("Minn.", "Minnesota"),
    ("Miss.", "Mississippi"),
    ("Mo.", "Missouri"),
    ("Mont.", "Montana"),
    ("Neb.", "Nebraska"),
    ("Nev.", "Nevada"),
    ("N.H.", "New Hampshire"),
    ("N.J.", "New Jersey"),
    ("N.M.", "New Mexico"),
    ("N.Y.", "New York"),
    ("N.C.", "North Carolina"),
    ("N.D.", "North Dakota"),
    ("Okla.", "Oklahoma"),
    ("Ore.", "Oregon"),
    ("Pa.", "Pennsylvania"),
    ("R.I.", "Rhode Island"),
    ("S.C.", "South Carolina"),
    ("S.D.", "South Dakota"),
    ("Tenn.", "Tennessee"),
    ("Tex.", "Texas"),
    ("Vt.", "Vermont"),
    ("Va.", "Virginia"),
    ("Wash.", "Washington"),
    ("W.Va.", "West Virginia"),
    ("Wis.", "Wisconsin"),
    ("Wyo.", "Wyoming"),
];

/// Other names of bodies news names by a nickname, and the name each stands for: "GOP" is the
/// Republican Party (its "Grand Old Party" is the nickname spelled out, not a name of its own).
const BODY_ALIASES: &[(&str, &str)] = &[
    ("GOP", "Republican Party"),
    ("G.O.P.", "Republican Party"),
    ("Grand Old Party", "Republican Party"),
];

/// The one name a place or a body goes by: a country's, of an alias or of the name itself ("U.S."
/// → "United States"); a state's, of its abbreviation ("Va." → "Virginia"); a party's, of its
/// nickname ("GOP" → "Republican Party"); `None` for other names. Looked up for every mention.
pub fn canonical_name(name: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let countries = COUNTRY_ALIASES.iter().map(|(_, name)| (*name, *name));
        COUNTRY_ALIASES
            .iter()
            .copied()
            .chain(countries)
            .chain(STATE_ABBREVIATIONS.iter().copied())
            .chain(BODY_ALIASES.iter().copied())
            .collect()
    })
    .get(name)
    .copied()
}

/// True for "Mich" when the text has "Mich." (an AP state abbreviation).
pub fn is_state_abbreviation_stem(word: &str) -> bool {
    word.len() <= 4
        && STATE_ABBREVIATIONS
            .iter()
            .any(|(a, _)| a.strip_suffix('.') == Some(word))
}

/// US postal codes, which name a state only in a party tag: "(R-SC)", "(D-NY)".
pub fn is_postal_code(word: &str) -> bool {
    word.len() == 2
        && "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH \
            NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"
            .split_whitespace()
            .any(|code| code == word)
}

/// Lowercase nouns that make the unknown name before them a place: "Gwadar port",
/// "Balochistan province".
pub fn is_place_noun(word: &str) -> bool {
    matches!(
        word,
        "province"
            | "region"
            | "county"
            | "district"
            | "city"
            | "town"
            | "village"
            | "port"
            | "valley"
            | "peninsula"
            | "island"
            | "islands"
            | "prefecture"
            | "oblast"
            | "governorate"
            | "municipality"
            | "neighborhood"
            | "neighbourhood"
            | "township"
            | "borough"
    )
}

/// Regions news writes about that are not in the gazetteer.
const REGIONS: &[&str] = &[
    "Middle East",
    "Silicon Valley",
    "Latin America",
    "South America",
    "North America",
    "Central America",
    "Eastern Europe",
    "Western Europe",
    "Southeast Asia",
    "East Asia",
    "Midwest",
    "New England",
    "Pacific Northwest",
    "Gulf Coast",
    "West Coast",
    "East Coast",
    "Capitol Hill",
    "Wall Street",
    "Hong Kong",
    "Gaza",
    "West Bank",
    "Crimea",
    "Kashmir",
    "Sub-Saharan Africa",
    "Persian Gulf",
    "Arctic",
    "Antarctica",
    // Buildings that stand for the institutions in them (PLACE, as the gold guidelines say).
    "White House",
    "Pentagon",
    "Kremlin",
    "Capitol",
    "Downing Street",
    "Elysee Palace",
    "Blue House",
];

/// Compass words that make a region of a place: "Northern California".
pub fn is_direction(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| DIRECTION_WORDS.iter().copied().collect())
        .contains(word)
}

const DIRECTION_WORDS: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Upper",
    "Lower",
    "Greater",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "Downtown",
];

/// Last words of organisation names: "… Union", "… Analytics", "… Department".
pub fn is_org_head(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ORG_HEAD_WORDS.iter().copied().collect())
        .contains(word)
}

const ORG_HEAD_WORDS: &[&str] = &[
    "Republic",
    "Images",
    "Protection",
    "Affairs",
    "Security",
    "Intelligence",
    "Command",
    "Corps",
    "Marines",
    "Forces",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "Company",
    "Companies",
    "Ltd",
    "Ltd.",
    "LLC",
    "Group",
    "Holdings",
    "Bank",
    "Association",
    "Union",
    "Institute",
    "Institution",
    "University",
    "College",
    "School",
    "Academy",
    "Center",
    "Centre",
    "Foundation",
    "Fund",
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Department",
    "Ministry",
    "Office",
    "Bureau",
    "Administration",
    "Authority",
    "Board",
    "Service",
    "Services",
    "Court",
    "Congress",
    "Senate",
    "Parliament",
    "Assembly",
    "Party",
    "Federation",
    "League",
    "Society",
    "Coalition",
    "Alliance",
    "Network",
    "Lab",
    "Labs",
    "Laboratory",
    "Laboratories",
    "Research",
    "Media",
    "News",
    "Press",
    "Times",
    "Post",
    "Journal",
    "Herald",
    "Tribune",
    "Magazine",
    "Radio",
    "Television",
    "Airlines",
    "Airways",
    "Motors",
    "Technologies",
    "Technology",
    "Systems",
    "Analytics",
    "Enterprises",
    "Industries",
    "Partners",
    "Capital",
    "Ventures",
    "Club",
    "Chamber",
    "Police",
    "Army",
    "Navy",
    "Force",
    "Guard",
    "Patrol",
    "Enforcement",
    "Organization",
    "Organisation",
    "Movement",
    "Church",
    "Hospital",
    "Museum",
    "Library",
    "Studios",
    "Records",
    "Entertainment",
    "Pictures",
    "Reserve",
    "Exchange",
    "Caucus",
    "Cabinet",
    "Secretariat",
    "Watch",
    "Chiefs",
    "Brigade",
    "Brigades",
    "Battalion",
    "Regiment",
    "Militia",
    "Division",
    "Unit",
    "Project",
    "Initiative",
    "Trust",
    "Review",
    "Front",
    "State",
    "Gazette",
    "Monitor",
    "Telegraph",
    "Guardian",
    "Observer",
    "Insider",
    "Microsystems",
    "Pharmaceuticals",
    "Energy",
    "Petroleum",
    "Airbus",
    "Institutes",
    "Bancorp",
    "Securities",
    "Investments",
    "Insurance",
    "Brands",
    "Communications",
    "Telecom",
    "Wireless",
];

/// Last words of place names: "… County", "… River".
pub fn is_place_head(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| PLACE_HEAD_WORDS.iter().copied().collect())
        .contains(word)
}

const PLACE_HEAD_WORDS: &[&str] = &[
    "City",
    "County",
    "Province",
    "Island",
    "Islands",
    "River",
    "Lake",
    "Mountains",
    "Mountain",
    "Valley",
    "Bay",
    "Sea",
    "Ocean",
    "Gulf",
    "Coast",
    "Beach",
    "Park",
    "Street",
    "Avenue",
    "Square",
    "Bridge",
    "Airport",
    "Station",
    "Heights",
    "Desert",
    "Peninsula",
    "Canyon",
    "Falls",
    "Harbor",
    "Harbour",
    "Borough",
    "Township",
    "Parish",
    "Prefecture",
    "District",
    "Shore",
];

/// Words before a name that make it a person's: "Rep. Tashida Tlaib", "CEO Andy Jassy".
pub fn is_person_title(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| PERSON_TITLE_WORDS.iter().copied().collect());
    // Byte scans rather than str patterns: this runs for nearly every capitalised word.
    let bytes = word.as_bytes();
    let end = bytes.iter().rposition(|&b| b != b'.').map_or(0, |i| i + 1);
    set.contains(&word[..end])
        // "Vice-President", "Attorney-General".
        || bytes
            .iter()
            .rposition(|&b| b == b'-')
            .is_some_and(|i| set.contains(&word[i + 1..]))
}

const PERSON_TITLE_WORDS: &[&str] = &[
    "Sergeant",
    "Corporal",
    "Private",
    "Lieutenant",
    "Captain",
    "Major",
    "Colonel",
    "Admiral",
    "Adm",
    "Rear",
    "Ret",
    "Cmdr",
    "Commander",
    "Staff",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Prof",
    "Professor",
    "Rep",
    "Reps",
    "Sen",
    "Sens",
    "Gov",
    "Lt",
    "Gen",
    "Col",
    "Capt",
    "Sgt",
    "Rev",
    "Hon",
    "President",
    "Senator",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Mayor",
    "Secretary",
    "Minister",
    "Premier",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Judge",
    "Justice",
    "CEO",
    "CFO",
    "COO",
    "CTO",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Commissioner",
    "Ambassador",
    "Speaker",
    "Sheriff",
    "Detective",
    "Officer",
    "Coach",
    "Pastor",
    "Bishop",
    "Cardinal",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Vice",
    "Former",
    "Chief",
    "Executive",
    "Director",
    "Attorney",
    "Solicitor",
    "Comptroller",
    "Treasurer",
    "General",
    "Deputy",
    "Leader",
    "Founder",
    "Co-founder",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Analyst",
    "Economist",
    "Activist",
    "Author",
    "Lawmaker",
    "Democrat",
    "Republican",
    "Trooper",
    "Agent",
];

/// Nouns that, in an apposition after a name, say it is a person's: "Timnit Gebru, a researcher".
pub fn is_person_noun(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| PERSON_NOUN_WORDS.iter().copied().collect())
        .contains(word)
}

const PERSON_NOUN_WORDS: &[&str] = &[
    "researcher",
    "member",
    "professor",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "director",
    "lawyer",
    "attorney",
    "activist",
    "author",
    "co-author",
    "reporter",
    "journalist",
    "analyst",
    "scientist",
    "student",
    "official",
    "senator",
    "lawmaker",
    "founder",
    "executive",
    "chief",
    "head",
    "president",
    "chairman",
    "chairwoman",
    "ceo",
    "economist",
    "expert",
    "engineer",
    "writer",
    "editor",
    "candidate",
    "leader",
    "politician",
    "secretary",
    "minister",
    "governor",
    "mayor",
    "judge",
    "doctor",
    "resident",
    "mother",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "actor",
    "actress",
    "singer",
    "player",
    "coach",
    "deputy",
    "housewife",
    "blogger",
    "representative",
    "congressman",
    "congresswoman",
    "teacher",
    "officer",
    "fellow",
    "adviser",
    "advisor",
    "aide",
    "staffer",
    "strategist",
    "pollster",
    "consultant",
    "veteran",
];

/// Nouns that, right after a name, make it a product's: "its Rekognition software".
pub fn is_product_noun(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| PRODUCT_NOUN_WORDS.iter().copied().collect())
        .contains(word)
}

const PRODUCT_NOUN_WORDS: &[&str] = &[
    "software",
    "system",
    "systems",
    "app",
    "application",
    "platform",
    "service",
    "tool",
    "device",
    "phone",
    "smartphone",
    "program",
    "algorithm",
    "chip",
    "camera",
    "cameras",
    "browser",
    "assistant",
    "speaker",
    "console",
    "tablet",
    "laptop",
    "vaccine",
    "drug",
    "engine",
    "model",
];

/// Past forms of irregular English verbs and their base ("rose", "risen" → "rise"), which a
/// stemmer leaves apart from the present: reworded news moves between tenses. Forms that are
/// as often another word ("left", "saw", "rose", "lay") are left out.
const IRREGULAR_VERBS: &[(&str, &str)] = &[
    ("arose", "arise"),
    ("arisen", "arise"),
    ("awoke", "awake"),
    ("awoken", "awake"),
    ("borne", "bear"),
    ("beaten", "beat"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bent", "bend"),
    ("bitten", "bite"),
    ("bled", "bleed"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("broke", "break"),
    ("broken", "break"),
    ("bred", "breed"),
    ("brought", "bring"),
    ("built", "build"),
    ("burnt", "burn"),
    ("bought", "buy"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("clung", "cling"),
    ("came", "come"),
    ("crept", "creep"),
    ("dealt", "deal"),
    ("dug", "dig"),
    ("did", "do"),
    ("done", "do"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("drank", "drink"),
    ("drunk", "drink"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("ate", "eat"),
    ("eaten", "eat"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("felt", "feel"),
    ("fought", "fight"),
    ("found", "find"),
    ("fled", "flee"),
    ("flung", "fling"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("got", "get"),
    ("gotten", "get"),
    ("gave", "give"),
    ("given", "give"),
    ("went", "go"),
    ("gone", "go"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("hung", "hang"),
    ("heard", "hear"),
    ("hidden", "hide"),
    ("held", "hold"),
    ("kept", "keep"),
    ("knelt", "kneel"),
    ("knew", "know"),
    ("known", "know"),
    ("laid", "lay"),
    ("led", "lead"),
    ("lent", "lend"),
    ("lain", "lie"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("met", "meet"),
    ("overcame", "overcome"),
    ("overtook", "overtake"),
    ("overtaken", "overtake"),
    ("paid", "pay"),
    ("rode", "ride"),
    ("ridden", "ride"),
    ("rang", "ring"),
    ("rung", "ring"),
    ("risen", "rise"),
    ("ran", "run"),
    ("said", "say"),
    ("seen", "see"),
    ("sought", "seek"),
    ("sold", "sell"),
    ("sent", "send"),
    ("shook", "shake"),
    ("shaken", "shake"),
    ("shone", "shine"),
    ("shot", "shoot"),
    ("showed", "show"),
    ("shown", "show"),
    ("shrank", "shrink"),
    ("shrunk", "shrink"),
    ("sang", "sing"),
    ("sung", "sing"),
    ("sank", "sink"),
    ("sunk", "sink"),
    ("sat", "sit"),
    ("slept", "sleep"),
    ("slid", "slide"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("sped", "speed"),
    ("spent", "spend"),
    ("spun", "spin"),
    ("sprang", "spring"),
    ("sprung", "spring"),
    ("stood", "stand"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stuck", "stick"),
    ("stung", "sting"),
    ("strove", "strive"),
    ("striven", "strive"),
    ("struck", "strike"),
    ("stricken", "strike"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("swept", "sweep"),
    ("swam", "swim"),
    ("swum", "swim"),
    ("swung", "swing"),
    ("took", "take"),
    ("taken", "take"),
    ("taught", "teach"),
    ("torn", "tear"),
    ("told", "tell"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("understood", "understand"),
    ("upheld", "uphold"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("wove", "weave"),
    ("woven", "weave"),
    ("wept", "weep"),
    ("won", "win"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("withheld", "withhold"),
    ("wrote", "write"),
    ("written", "write"),
];

/// The base of an irregular past form, lowercase: "flew" → "fly", "spun" → "spin".
pub fn irregular_verb_base(word: &str) -> Option<&'static str> {
    static BASES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    BASES
        .get_or_init(|| IRREGULAR_VERBS.iter().copied().collect())
        .get(word)
        .copied()
}

/// Nationality adjectives news writes most, and the place each names ("Chinese" → "China",
/// "British" → "Britain"); listed ones win over the rule of [`country_adjectives`], which adds the
/// rest of the gazetteer's countries ("Honduran").
const NATIONALITIES: &[(&str, &str)] = &[
    ("American", "America"),
    ("African", "Africa"),
    ("Asian", "Asia"),
    ("European", "Europe"),
    ("Chinese", "China"),
    ("Japanese", "Japan"),
    ("Korean", "Korea"),
    ("Vietnamese", "Vietnam"),
    ("Indian", "India"),
    ("Pakistani", "Pakistan"),
    ("Afghan", "Afghanistan"),
    ("Iranian", "Iran"),
    ("Iraqi", "Iraq"),
    ("Syrian", "Syria"),
    ("Israeli", "Israel"),
    ("Palestinian", "Palestine"),
    ("Saudi", "Saudi Arabia"),
    ("Turkish", "Turkey"),
    ("Russian", "Russia"),
    ("Ukrainian", "Ukraine"),
    ("Polish", "Poland"),
    ("German", "Germany"),
    ("French", "France"),
    ("British", "Britain"),
    ("English", "England"),
    ("Irish", "Ireland"),
    ("Scottish", "Scotland"),
    ("Welsh", "Wales"),
    ("Spanish", "Spain"),
    ("Italian", "Italy"),
    ("Greek", "Greece"),
    ("Dutch", "Netherlands"),
    ("Belgian", "Belgium"),
    ("Swiss", "Switzerland"),
    ("Swedish", "Sweden"),
    ("Norwegian", "Norway"),
    ("Danish", "Denmark"),
    ("Finnish", "Finland"),
    ("Canadian", "Canada"),
    ("Mexican", "Mexico"),
    ("Brazilian", "Brazil"),
    ("Argentine", "Argentina"),
    ("Venezuelan", "Venezuela"),
    ("Cuban", "Cuba"),
    ("Colombian", "Colombia"),
    ("Australian", "Australia"),
    ("Egyptian", "Egypt"),
    ("Nigerian", "Nigeria"),
    ("Kenyan", "Kenya"),
    ("Ethiopian", "Ethiopia"),
    ("Californian", "California"),
    ("Texan", "Texas"),
    ("Floridian", "Florida"),
    ("Filipino", "Philippines"),
    ("Thai", "Thailand"),
    ("Indonesian", "Indonesia"),
    ("Malaysian", "Malaysia"),
    ("Taiwanese", "Taiwan"),
    ("Tibetan", "Tibet"),
    ("Lebanese", "Lebanon"),
    ("Jordanian", "Jordan"),
    ("Yemeni", "Yemen"),
    ("Qatari", "Qatar"),
    ("Emirati", "United Arab Emirates"),
    ("Austrian", "Austria"),
    ("Hungarian", "Hungary"),
    ("Czech", "Czechia"),
    ("Romanian", "Romania"),
    ("Bulgarian", "Bulgaria"),
    ("Serbian", "Serbia"),
    ("Croatian", "Croatia"),
    ("Portuguese", "Portugal"),
    ("Chilean", "Chile"),
    ("Peruvian", "Peru"),
    ("Haitian", "Haiti"),
    ("Jamaican", "Jamaica"),
    ("Somali", "Somalia"),
    ("Sudanese", "Sudan"),
    ("Libyan", "Libya"),
    ("Moroccan", "Morocco"),
    ("Algerian", "Algeria"),
    ("Tunisian", "Tunisia"),
    ("Bangladeshi", "Bangladesh"),
    ("Nepalese", "Nepal"),
    ("Sri Lankan", "Sri Lanka"),
    ("Burmese", "Myanmar"),
    ("Mongolian", "Mongolia"),
    ("Kazakh", "Kazakhstan"),
    ("Georgian", "Georgia"),
    ("Armenian", "Armenia"),
    ("Belarusian", "Belarus"),
];

/// Other group adjectives written capitalised: peoples, religions, parties, movements.
const GROUP_ADJECTIVES: &[&str] = &[
    "Arab",
    "Latino",
    "Latina",
    "Latinx",
    "Hispanic",
    "Muslim",
    "Christian",
    "Jewish",
    "Catholic",
    "Protestant",
    "Hindu",
    "Buddhist",
    "Sikh",
    "Sunni",
    "Shiite",
    "Shia",
    "Kurd",
    "Alawite",
    "Pashtun",
    "Westerner",
    "Easterner",
    "Northerner",
    "Southerner",
    "Soviet",
    "Democratic",
    "Republican",
    "Democrat",
    "Conservative",
    "Liberal",
    "Caucasian",
    "Black",
    "White",
    "Native",
    "Indigenous",
    "Asian-American",
    "African-American",
    "Uighur",
    "Uyghur",
    "Kurdish",
    // Movements and their members, written capitalised.
    "Nazi",
    "Communist",
    "Fascist",
    "Marxist",
    "Islamist",
    "Jihadist",
    "Confederate",
    "Evangelical",
];

/// Demonyms and other group adjectives: capitalised, but not names of an entity.
pub fn is_demonym(word: &str) -> bool {
    static GROUPS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = GROUPS.get_or_init(|| {
        NATIONALITIES
            .iter()
            .map(|(adjective, _)| *adjective)
            .chain(GROUP_ADJECTIVES.iter().copied())
            .collect()
    });
    let stem = word.strip_suffix('s').unwrap_or(word);
    set.contains(word)
        || set.contains(stem)
        || word.split('-').all(|part| set.contains(part))
        || country_adjectives().contains_key(stem)
}

/// The place a nationality adjective names, singular or plural: "Chinese" → "China", "Americans"
/// → "America", "Honduran" → "Honduras".
pub fn demonym_place(word: &str) -> Option<&'static str> {
    static PLACES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let places = PLACES.get_or_init(|| NATIONALITIES.iter().copied().collect());
    let stem = word.strip_suffix('s').unwrap_or(word);
    [word, stem].into_iter().find_map(|w| {
        places
            .get(w)
            .or_else(|| country_adjectives().get(w))
            .copied()
    })
}

/// "Honduran" (Honduras), "Guatemalan" (Guatemala), "Maltese" (Malta), "Iranian" (Iran): the
/// adjectives a rule makes from the gazetteer's countries, each with its country.
fn country_adjectives() -> &'static HashMap<String, &'static str> {
    // Every adjective the rule can make, made once from the countries: one lookup per word.
    static ADJECTIVES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    ADJECTIVES.get_or_init(|| {
        let countries = places().iter().filter(|(_, kind)| **kind == "country");
        let mut adjectives = HashMap::default();
        for (country, _) in countries {
            for ending in ["", "a", "s", "o", "y", "ia"] {
                let Some(base) = country.strip_suffix(ending) else {
                    continue;
                };
                if base.chars().count() >= 3 {
                    for suffix in ["ian", "an", "ese", "n", "i"] {
                        adjectives.insert(format!("{base}{suffix}"), *country);
                    }
                }
            }
        }
        adjectives
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nationality_names_its_place_whether_listed_or_made_by_the_rule() {
        assert_eq!(demonym_place("Chinese"), Some("China"));
        assert_eq!(demonym_place("Americans"), Some("America"));
        assert_eq!(demonym_place("Swiss"), Some("Switzerland"));
        assert_eq!(demonym_place("Honduran"), Some("Honduras"));
        assert_eq!(demonym_place("Muslim"), None);
        assert!(is_demonym("Muslims") && is_demonym("Swiss") && !is_demonym("Amazon"));
    }

    #[test]
    fn an_irregular_past_form_has_its_base_and_an_ambiguous_one_none() {
        assert_eq!(irregular_verb_base("risen"), Some("rise"));
        assert_eq!(irregular_verb_base("spun"), Some("spin"));
        assert_eq!(irregular_verb_base("said"), Some("say"));
        assert_eq!(irregular_verb_base("left"), None);
        assert_eq!(irregular_verb_base("rose"), None);
    }

    #[test]
    fn a_country_alias_and_the_canonical_name_itself_are_canonical() {
        assert_eq!(country_canonical("U.S."), Some("United States"));
        assert_eq!(country_canonical("United States"), Some("United States"));
        assert_eq!(country_canonical("Amazon"), None);
    }
}
