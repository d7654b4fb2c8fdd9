//! A generator of synthetic report projects of any size, of the flagship's shape, for the scale
//! benchmark (`benches/scale.rs`) and the tests that keep it valid (`tests/scale.rs`).
//!
//! Per finding: about 300 words of Markdown in three to five paragraphs, with citations of
//! documents and meetings (`[@id, p. N]`), inline provisions (`[[ICCPR art. 9]]`), a
//! cross-reference to another finding (`[[#id]]`), sometimes a sub-heading and a footnote, and
//! 2 or 3 testimonies embedded (`![[t-id]]`, 2.5 on average); 5 recommendations. Testimonies mix
//! the consent levels (a fifth named, about 45 per cent pseudonymous with the real name kept and
//! often a protected phone number, a third anonymous, some of them with a real name, and a few
//! internal ones, never cited). Documents (1.2 per finding) and meetings (0.6 per finding) are in
//! proportion; addressees grow more slowly (two governments with four ministries each, plus one
//! per fifty findings, up to forty), and one finding in ten addresses a government as a whole
//! (a recommendation to a government is on each of its ministries' sheets). Findings are
//! grouped in parts of twenty, each with an introduction chapter; every seventh finding carries
//! the next one as a sub-finding. The outputs are the flagship's kinds: the publication in HTML
//! and PDF, recommendation sheets by addressee (HTML, PDF, CSV), an alternative report to the
//! CMW on Kyrgyzstan (every finding in scope) and a UPR submission on Kazakhstan (four findings).
//!
//! Everything is invented and deterministic: the same size and seed give the same files. Real
//! names, pseudonyms, named witnesses and the running text are drawn from disjoint vocabularies
//! (and real surnames all end in -ov/-ova, which no other word does), so the project checks
//! without errors and its public build passes the leak audit; the project's only warnings are
//! the internal testimonies, which are never cited.
//!
//! The running text is English by default (`generate`). `generate_in(.., Script::Cyrillic)` writes
//! the same project (the same numbers drawn, so the same records and references) in Russian, in
//! Cyrillic, with Kazakh and Kyrgyz words (ә ғ қ ң ө ұ ү һ і) among the Russian ones, as the tool's
//! users write: titles, headings, findings, testimonies (`language: ru`), recommendations,
//! chapters, descriptions, places and names in Cyrillic, the report's `language: ru`; ids, keys
//! and references (`[@id, p. N]`, `[[ICCPR art. 9]]`, `[[#id]]`, `![[t-id]]`) as in English. Its
//! vocabularies are disjoint in the same way: real surnames end in -ов/-ова, which no other word
//! does, and no running word, transliterated as the matcher reads it, is a real first name or the
//! stem of a real surname.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What a generated project holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub findings: usize,
    pub testimonies: usize,
    pub recommendations: usize,
    pub documents: usize,
    pub meetings: usize,
    pub addressees: usize,
    pub words: usize,
}

/// A small deterministic generator (SplitMix64): no dependency, same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Running text: plain English words, none of them a name part (no word ends in -ov/-ova).
const WORDS: &[&str] = &[
    "workers",
    "employer",
    "employers",
    "wages",
    "contract",
    "contracts",
    "passport",
    "passports",
    "registration",
    "police",
    "inspection",
    "inspectors",
    "migrants",
    "migrant",
    "families",
    "children",
    "women",
    "men",
    "market",
    "markets",
    "construction",
    "site",
    "sites",
    "farm",
    "farms",
    "field",
    "fields",
    "harvest",
    "season",
    "seasons",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "night",
    "shift",
    "shifts",
    "hours",
    "overtime",
    "payment",
    "payments",
    "deductions",
    "debt",
    "debts",
    "loan",
    "loans",
    "recruiter",
    "recruiters",
    "agency",
    "agencies",
    "intermediary",
    "intermediaries",
    "border",
    "guards",
    "officers",
    "office",
    "offices",
    "ministry",
    "court",
    "courts",
    "judge",
    "lawyer",
    "lawyers",
    "union",
    "unions",
    "members",
    "association",
    "complaint",
    "complaints",
    "hearing",
    "decision",
    "decisions",
    "fine",
    "fines",
    "detention",
    "centre",
    "centres",
    "expulsion",
    "ban",
    "entry",
    "exit",
    "travel",
    "bus",
    "train",
    "station",
    "village",
    "villages",
    "town",
    "towns",
    "city",
    "cities",
    "region",
    "regions",
    "district",
    "districts",
    "school",
    "schools",
    "clinic",
    "clinics",
    "hospital",
    "doctor",
    "doctors",
    "nurse",
    "care",
    "health",
    "illness",
    "injury",
    "injuries",
    "accident",
    "accidents",
    "safety",
    "helmet",
    "equipment",
    "scaffold",
    "brick",
    "bricks",
    "cement",
    "dust",
    "heat",
    "cold",
    "water",
    "food",
    "bread",
    "rent",
    "room",
    "rooms",
    "hostel",
    "dormitory",
    "landlord",
    "landlords",
    "house",
    "houses",
    "kitchen",
    "laundry",
    "garden",
    "cattle",
    "sheep",
    "tobacco",
    "cotton",
    "onions",
    "potatoes",
    "rice",
    "vegetables",
    "fruit",
    "apples",
    "trucks",
    "truck",
    "driver",
    "drivers",
    "loader",
    "loaders",
    "cleaner",
    "cleaners",
    "cook",
    "cooks",
    "nanny",
    "nannies",
    "seller",
    "sellers",
    "stall",
    "stalls",
    "goods",
    "bags",
    "boxes",
    "money",
    "cash",
    "salary",
    "salaries",
    "bonus",
    "tenge",
    "som",
    "roubles",
    "dollars",
    "savings",
    "remittances",
    "phone",
    "letters",
    "documents",
    "papers",
    "permit",
    "permits",
    "licence",
    "licences",
    "quota",
    "quotas",
    "patent",
    "patents",
    "law",
    "laws",
    "code",
    "rules",
    "rule",
    "order",
    "orders",
    "decree",
    "practice",
    "practices",
    "policy",
    "policies",
    "plan",
    "plans",
    "report",
    "reports",
    "survey",
    "surveys",
    "data",
    "figures",
    "numbers",
    "cases",
    "case",
    "victims",
    "victim",
    "witness",
    "witnesses",
    "account",
    "accounts",
    "story",
    "stories",
    "mission",
    "visit",
    "visits",
    "meeting",
    "meetings",
    "interview",
    "interviews",
    "monitors",
    "monitoring",
    "staff",
    "officials",
    "official",
    "authorities",
    "government",
    "state",
    "states",
    "public",
    "private",
    "formal",
    "informal",
    "legal",
    "illegal",
    "unpaid",
    "underpaid",
    "late",
    "early",
    "long",
    "short",
    "heavy",
    "light",
    "dangerous",
    "safe",
    "unsafe",
    "poor",
    "rich",
    "young",
    "old",
    "new",
    "former",
    "local",
    "foreign",
    "national",
    "regional",
    "seasonal",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "several",
    "many",
    "few",
    "most",
    "some",
    "every",
    "each",
    "other",
    "same",
    "different",
    "whole",
    "entire",
    "small",
    "large",
    "big",
    "little",
    "serious",
    "common",
    "rare",
    "frequent",
    "usual",
    "unusual",
    "clear",
    "unclear",
    "open",
    "closed",
    "free",
    "forced",
    "voluntary",
    "fair",
    "unfair",
    "equal",
    "unequal",
    "full",
    "partial",
    "direct",
    "indirect",
    "written",
    "oral",
    "verbal",
    "physical",
    "mental",
    "said",
    "told",
    "asked",
    "answered",
    "explained",
    "described",
    "reported",
    "refused",
    "accepted",
    "paid",
    "kept",
    "took",
    "gave",
    "sent",
    "brought",
    "left",
    "returned",
    "stayed",
    "moved",
    "worked",
    "lived",
    "slept",
    "ate",
    "waited",
    "walked",
    "drove",
    "carried",
    "lifted",
    "built",
    "cleaned",
    "cooked",
    "sold",
    "bought",
    "borrowed",
    "lent",
    "owed",
    "lost",
    "found",
    "saw",
    "heard",
    "knew",
    "thought",
    "believed",
    "feared",
    "hoped",
    "wanted",
    "needed",
    "tried",
    "managed",
    "failed",
    "started",
    "stopped",
    "continued",
    "began",
    "ended",
    "complained",
    "appealed",
    "signed",
    "registered",
    "checked",
    "inspected",
    "detained",
    "released",
    "expelled",
    "deported",
    "fined",
    "threatened",
    "beaten",
    "insulted",
    "cheated",
    "deceived",
    "promised",
    "denied",
    "confirmed",
    "admitted",
    "ignored",
    "helped",
    "supported",
    "protected",
    "arrested",
    "charged",
    "tried",
    "convicted",
    "punished",
    "compensated",
    "and",
    "but",
    "or",
    "so",
    "because",
    "although",
    "while",
    "when",
    "after",
    "before",
    "until",
    "since",
    "if",
    "unless",
    "whether",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "the",
    "a",
    "an",
    "this",
    "these",
    "those",
    "their",
    "its",
    "our",
    "his",
    "her",
    "them",
    "they",
    "we",
    "he",
    "she",
    "it",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "without",
    "from",
    "to",
    "into",
    "onto",
    "over",
    "under",
    "between",
    "among",
    "through",
    "across",
    "along",
    "around",
    "about",
    "against",
    "despite",
    "during",
    "within",
    "beyond",
    "near",
    "far",
    "away",
    "back",
    "again",
    "still",
    "already",
    "never",
    "always",
    "often",
    "sometimes",
    "rarely",
    "usually",
    "only",
    "even",
    "also",
    "too",
    "very",
    "quite",
    "rather",
    "almost",
    "nearly",
    "hardly",
    "no",
    "not",
    "more",
    "less",
    "than",
    "then",
    "there",
    "here",
    "now",
    "later",
    "soon",
    "once",
    "twice",
    "first",
    "second",
    "third",
    "last",
    "next",
    "previous",
    "following",
];

/// Real first names of protected witnesses (never published).
const REAL_FIRST: &[&str] = &[
    "Aigerim",
    "Gulzat",
    "Nurzhamal",
    "Cholponai",
    "Dinarakan",
    "Mairamkul",
    "Bermetai",
    "Kanykeisha",
    "Zhyldyzkan",
    "Saltanatai",
    "Temirlanbek",
    "Nurbolotbek",
    "Ermekbai",
    "Kubanychbek",
    "Zhanybekbai",
    "Almazbekul",
    "Ulanbekai",
    "Tilekbai",
    "Daniyarkul",
    "Bolotkhanbek",
];
/// Syllables of real surnames (never published); every real surname ends in -ov or -ova.
const REAL_SYL: &[&str] = &[
    "tash", "kadyr", "sart", "bek", "tur", "kul", "zhan", "mur", "bai", "esen", "alym", "kar",
    "toktor", "dzhum", "osmon", "abdy", "shai", "nur", "sul", "ismai",
];
/// Pseudonym first names: two syllables and a tail. Their letters (F, H, L, P, R, V, W, Y) start
/// no real first name and no real surname syllable.
const PSEUDO_SYL: &[&str] = &[
    "Fa", "Fe", "Fi", "Ha", "He", "Hi", "La", "Le", "Li", "Lu", "Pa", "Pe", "Po", "Ra", "Re", "Ri",
    "Ro", "Va", "Ve", "Vi", "Wa", "We", "Ya", "Yo", "Lo",
];
const PSEUDO_INITIALS: &[char] = &['F', 'H', 'J', 'L', 'P', 'R', 'V', 'W', 'Y'];
const PSEUDO_TAIL: &[&str] = &["na", "la", "ra", "mi", "ne", "lo", "ri", "se", "ta", "vi"];
/// Named witnesses' first names and surname syllables (their surnames end in -enko or -ich).
const NAMED_FIRST: &[&str] = &[
    "Oksana", "Pavel", "Irina", "Viktor", "Larisa", "Roman", "Yelena", "Vadim", "Tamara",
    "Gennady", "Svetlana", "Boris", "Ludmila", "Igor", "Marina", "Stepan",
];
const NAMED_SYL: &[&str] = &[
    "Pet", "Lys", "Hor", "Kval", "Mel", "Sav", "Fil", "Tkach", "Mar", "Rud", "Pol", "Dan",
];
const NAMED_TAIL: &[&str] = &["enko", "ich", "chuk", "yshyn"];

const THEMES: &[&str] = &[
    "registration",
    "freedom-of-movement",
    "forced-labour",
    "trafficking",
    "wage-theft",
    "occupational-safety",
    "detention-expulsion",
    "discrimination",
    "health-care",
    "education",
    "child-labour",
    "access-to-justice",
    "corruption",
    "social-security",
];
/// Provisions binding both Kazakhstan and Kyrgyzstan.
const PROVISIONS: &[&str] = &[
    "ICCPR art. 8",
    "ICCPR art. 9",
    "ICCPR art. 12",
    "ICCPR art. 14",
    "ICESCR art. 6",
    "ICESCR art. 7",
    "ICESCR art. 9",
    "ICESCR art. 12",
    "ICESCR art. 13",
    "CRC art. 28",
    "CRC art. 32",
    "CEDAW art. 11",
    "CEDAW art. 12",
    "ILO C029 art. 2",
    "ILO C138 art. 3",
    "ILO C182 art. 3",
];
const PLACES: &[&str] = &[
    "Astana",
    "Almaty",
    "Shymkent",
    "Osh",
    "Bishkek",
    "Batken",
    "Jalal-Abad",
    "Karaganda",
];
const REGIONS: &[&str] = &[
    "Osh Oblast",
    "Batken Oblast",
    "Chuy Region",
    "Jalal-Abad Region",
    "Almaty Region",
    "Turkistan Region",
];
const DESCRIPTIONS: &[&str] = &[
    "a construction worker from Kyrgyzstan",
    "a seasonal farm worker",
    "a market trader",
    "a domestic worker",
    "a migrant worker who returned home",
    "the mother of a migrant worker",
    "a loader at a wholesale market",
    "a worker in a garment workshop",
];
const KINDS: &[&str] = &[
    "government",
    "civil-society",
    "trade-union",
    "international",
    "employer",
];

/// Running text in Cyrillic: ordinary Russian words about labour migration, and some Kazakh and
/// Kyrgyz ones (with ә ғ қ ң ө ұ ү һ і), none of them a name part: no word ends in -ов/-ова, and
/// none reads, once transliterated, as a real first name or surname (the matcher transliterates).
const CYR_WORDS: &[&str] = &[
    "работники",
    "работника",
    "работникам",
    "работниками",
    "работодатель",
    "работодателя",
    "работодатели",
    "зарплата",
    "зарплаты",
    "зарплату",
    "заработок",
    "договор",
    "договора",
    "договоры",
    "паспорт",
    "паспорта",
    "регистрация",
    "регистрации",
    "полиция",
    "полиции",
    "проверка",
    "проверки",
    "инспекция",
    "инспекторы",
    "мигранты",
    "мигрант",
    "мигрантам",
    "мигрантами",
    "семьи",
    "семья",
    "дети",
    "детей",
    "женщины",
    "мужчины",
    "рынок",
    "рынке",
    "рынки",
    "стройка",
    "стройке",
    "площадка",
    "поле",
    "поля",
    "урожай",
    "сезон",
    "сезоны",
    "месяц",
    "месяцы",
    "неделя",
    "недели",
    "день",
    "дни",
    "ночь",
    "смена",
    "смены",
    "часы",
    "сверхурочно",
    "оплата",
    "выплата",
    "выплаты",
    "удержания",
    "долг",
    "долги",
    "заём",
    "кредит",
    "вербовщик",
    "вербовщики",
    "агентство",
    "агентства",
    "посредник",
    "посредники",
    "граница",
    "границе",
    "пограничники",
    "сотрудники",
    "офис",
    "министерство",
    "суд",
    "суда",
    "суды",
    "судья",
    "адвокат",
    "адвокаты",
    "профсоюз",
    "профсоюзы",
    "члены",
    "ассоциация",
    "жалоба",
    "жалобы",
    "слушание",
    "решение",
    "решения",
    "штраф",
    "штрафы",
    "задержание",
    "центр",
    "выдворение",
    "запрет",
    "въезд",
    "выезд",
    "поездка",
    "автобус",
    "поезд",
    "вокзал",
    "город",
    "города",
    "школа",
    "школы",
    "клиника",
    "больница",
    "врач",
    "врачи",
    "медсестра",
    "помощь",
    "здоровье",
    "болезнь",
    "травма",
    "травмы",
    "безопасность",
    "каска",
    "оборудование",
    "кирпич",
    "кирпичи",
    "цемент",
    "пыль",
    "жара",
    "холод",
    "вода",
    "еда",
    "хлеб",
    "аренда",
    "комната",
    "комнаты",
    "общежитие",
    "хозяин",
    "дом",
    "дома",
    "кухня",
    "стирка",
    "огород",
    "скот",
    "табак",
    "хлопок",
    "лук",
    "картофель",
    "рис",
    "овощи",
    "фрукты",
    "яблоки",
    "грузовик",
    "водитель",
    "водители",
    "грузчик",
    "грузчики",
    "уборщица",
    "повар",
    "няня",
    "продавец",
    "продавцы",
    "прилавок",
    "товар",
    "товары",
    "сумки",
    "коробки",
    "деньги",
    "наличные",
    "оклад",
    "премия",
    "тенге",
    "сомы",
    "рубли",
    "доллары",
    "сбережения",
    "переводы",
    "телефон",
    "письма",
    "документы",
    "бумаги",
    "разрешение",
    "разрешения",
    "лицензия",
    "квота",
    "квоты",
    "патент",
    "патенты",
    "закон",
    "законы",
    "кодекс",
    "правила",
    "правило",
    "приказ",
    "указ",
    "практика",
    "политика",
    "план",
    "планы",
    "доклад",
    "доклады",
    "опрос",
    "данные",
    "цифры",
    "число",
    "случаи",
    "случай",
    "жертвы",
    "жертва",
    "свидетель",
    "свидетели",
    "рассказ",
    "рассказы",
    "история",
    "миссия",
    "визит",
    "встреча",
    "встречи",
    "интервью",
    "наблюдатели",
    "мониторинг",
    "персонал",
    "чиновники",
    "чиновник",
    "власти",
    "правительство",
    "государство",
    "частный",
    "формальный",
    "неформальный",
    "законный",
    "незаконный",
    "неоплаченный",
    "поздно",
    "рано",
    "долгий",
    "короткий",
    "тяжёлый",
    "тяжёлая",
    "лёгкий",
    "опасный",
    "опасная",
    "безопасный",
    "бедный",
    "бедные",
    "богатый",
    "молодой",
    "молодые",
    "старый",
    "новый",
    "новые",
    "бывший",
    "местный",
    "местные",
    "иностранный",
    "иностранные",
    "национальный",
    "сезонный",
    "сезонные",
    "ежедневно",
    "еженедельно",
    "ежемесячно",
    "ежегодно",
    "несколько",
    "многие",
    "немногие",
    "большинство",
    "некоторые",
    "каждый",
    "каждая",
    "другой",
    "другие",
    "весь",
    "вся",
    "малый",
    "большой",
    "большие",
    "маленький",
    "серьёзный",
    "серьёзные",
    "обычный",
    "обычные",
    "редкий",
    "частый",
    "ясно",
    "неясно",
    "открытый",
    "закрытый",
    "свободный",
    "принудительный",
    "добровольный",
    "справедливый",
    "несправедливый",
    "равный",
    "неравный",
    "полный",
    "частичный",
    "прямой",
    "косвенный",
    "письменный",
    "устный",
    "физический",
    "психический",
    "сказал",
    "сказала",
    "рассказал",
    "рассказала",
    "спросил",
    "ответил",
    "объяснил",
    "описал",
    "сообщил",
    "отказался",
    "принял",
    "заплатил",
    "оставил",
    "взял",
    "дал",
    "отправил",
    "привёз",
    "ушёл",
    "вернулся",
    "остался",
    "переехал",
    "работал",
    "работала",
    "работали",
    "жил",
    "жили",
    "спал",
    "ждал",
    "ждали",
    "шёл",
    "нёс",
    "поднимал",
    "строил",
    "строили",
    "убирала",
    "готовила",
    "продавал",
    "купил",
    "занял",
    "одолжил",
    "должен",
    "потерял",
    "нашёл",
    "видел",
    "слышал",
    "знал",
    "думал",
    "верил",
    "боялся",
    "надеялся",
    "хотел",
    "нужно",
    "пытался",
    "смог",
    "начал",
    "прекратил",
    "продолжал",
    "закончил",
    "жаловался",
    "обжаловал",
    "подписал",
    "проверил",
    "задержали",
    "освободили",
    "выдворили",
    "угрожали",
    "избили",
    "оскорбляли",
    "обманули",
    "обещали",
    "отказали",
    "подтвердил",
    "признал",
    "помогли",
    "поддержали",
    "защитили",
    "обвинили",
    "осудили",
    "наказали",
    "и",
    "но",
    "или",
    "поэтому",
    "потому",
    "что",
    "хотя",
    "пока",
    "когда",
    "после",
    "до",
    "если",
    "ли",
    "который",
    "которые",
    "кто",
    "где",
    "этот",
    "эти",
    "те",
    "их",
    "наш",
    "его",
    "её",
    "им",
    "они",
    "мы",
    "он",
    "она",
    "в",
    "на",
    "у",
    "по",
    "для",
    "с",
    "без",
    "из",
    "к",
    "под",
    "над",
    "между",
    "среди",
    "через",
    "около",
    "о",
    "против",
    "несмотря",
    "во",
    "время",
    "внутри",
    "за",
    "рядом",
    "далеко",
    "обратно",
    "ещё",
    "уже",
    "никогда",
    "всегда",
    "часто",
    "иногда",
    "редко",
    "обычно",
    "только",
    "даже",
    "также",
    "тоже",
    "очень",
    "довольно",
    "скорее",
    "почти",
    "едва",
    "нет",
    "не",
    "больше",
    "меньше",
    "чем",
    "затем",
    "там",
    "здесь",
    "теперь",
    "позже",
    "скоро",
    "однажды",
    "дважды",
    "первый",
    "второй",
    "третий",
    "последний",
    "следующий",
    "прежний",
    // Kazakh
    "жұмысшы",
    "жұмысшылар",
    "еңбек",
    "ақша",
    "көмек",
    "үйде",
    "өтініш",
    "құжат",
    "құжаттар",
    "балалар",
    "әйел",
    "әйелдер",
    "отбасы",
    "қалада",
    "мемлекет",
    "құқық",
    "құқықтары",
    "жалақы",
    "төлем",
    "тіркеу",
    "іс",
    "кісі",
    "білім",
    "денсаулық",
    "қауіпсіздік",
    "көші-қон",
    "шекара",
    "һәм",
    "және",
    "бірақ",
    "біз",
    "олар",
    "ғимарат",
    "ағым",
    "дәрігер",
    // Kyrgyz
    "эмгек",
    "жумушчу",
    "жумушчулар",
    "акча",
    "үй-бүлө",
    "көмөк",
    "өкмөт",
    "мамлекет",
    "укук",
    "айлык",
    "төлөм",
    "каттоо",
    "шаар",
    "мигранттар",
    "күнү",
    "түнү",
    "иштеген",
    "бирок",
    "менен",
    "үчүн",
];

/// Real first names of protected witnesses in Cyrillic (never published).
const CYR_REAL_FIRST: &[&str] = &[
    "Айгерим",
    "Гүлзат",
    "Нуржамал",
    "Чолпонай",
    "Динаракан",
    "Майрамкүл",
    "Берметай",
    "Каныкейша",
    "Жылдызкан",
    "Салтанатай",
    "Темирланбек",
    "Нұрболатбек",
    "Ермекбай",
    "Кубанычбек",
    "Жаныбекбай",
    "Алмазбекул",
    "Уланбекай",
    "Тилекбай",
    "Данияркул",
    "Болотханбек",
];
/// Syllables of real surnames in Cyrillic; every real surname ends in -ов or -ова.
const CYR_REAL_SYL: &[&str] = &[
    "таш",
    "кадыр",
    "сарт",
    "бек",
    "тур",
    "күл",
    "жан",
    "мур",
    "бай",
    "эсен",
    "алым",
    "кар",
    "токтор",
    "джум",
    "осмон",
    "абды",
    "шай",
    "нұр",
    "сул",
    "исмаил",
];
/// Pseudonym syllables and initials: their letters (Ф, Х, Л, П, Р, В, Ю, Я) start no real first
/// name and no real surname syllable, in Cyrillic or transliterated.
const CYR_PSEUDO_SYL: &[&str] = &[
    "Фа", "Фе", "Фи", "Фу", "Ха", "Хе", "Хи", "Ху", "Ла", "Ле", "Ли", "Лу", "Ло", "Па", "Пе", "По",
    "Пу", "Ра", "Ре", "Ри", "Ро", "Ру", "Ва", "Ве", "Ви",
];
const CYR_PSEUDO_INITIALS: &[char] = &['Ф', 'Х', 'Л', 'П', 'Р', 'В', 'Ю', 'Я'];
const CYR_PSEUDO_TAIL: &[&str] = &["на", "ла", "ра", "ми", "не", "ло", "ри", "се", "та", "ви"];
/// Named witnesses in Cyrillic (their surnames end in -енко, -ич, -чук or -ышин).
const CYR_NAMED_FIRST: &[&str] = &[
    "Оксана",
    "Павел",
    "Ирина",
    "Виктор",
    "Лариса",
    "Роман",
    "Елена",
    "Вадим",
    "Тамара",
    "Геннадий",
    "Светлана",
    "Борис",
    "Людмила",
    "Игорь",
    "Марина",
    "Степан",
];
const CYR_NAMED_SYL: &[&str] = &[
    "Пет", "Лыс", "Гор", "Квал", "Мел", "Сав", "Фил", "Ткач", "Мар", "Руд", "Пол", "Дан",
];
const CYR_NAMED_TAIL: &[&str] = &["енко", "ич", "чук", "ышин"];
const CYR_PLACES: &[&str] = &[
    "Астана",
    "Алматы",
    "Шымкент",
    "Ош",
    "Бишкек",
    "Баткен",
    "Джалал-Абад",
    "Караганда",
];
const CYR_REGIONS: &[&str] = &[
    "Ошская область",
    "Баткенская область",
    "Чуйская область",
    "Джалал-Абадская область",
    "Алматинская область",
    "Туркестанская область",
];
const CYR_DESCRIPTIONS: &[&str] = &[
    "строитель из Кыргызстана",
    "сезонный работник на ферме",
    "торговец на рынке",
    "домашняя работница",
    "трудовой мигрант, вернувшийся домой",
    "мать трудового мигранта",
    "грузчик на базаре",
    "швея в швейном цехе",
];

/// The script (and language) of a generated project's running text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Script {
    /// English in Latin script (`language: en`), the generator's first projects.
    #[default]
    Latin,
    /// Russian in Cyrillic script with Kazakh and Kyrgyz words (`language: ru`), as the
    /// projects of the tool's users are written.
    Cyrillic,
}

/// The vocabularies of one script.
struct Vocab {
    words: &'static [&'static str],
    real_first: &'static [&'static str],
    real_syl: &'static [&'static str],
    /// The endings of real surnames: (female, male).
    real_end: (&'static str, &'static str),
    pseudo_syl: &'static [&'static str],
    pseudo_initials: &'static [char],
    pseudo_tail: &'static [&'static str],
    named_first: &'static [&'static str],
    named_syl: &'static [&'static str],
    named_tail: &'static [&'static str],
    places: &'static [&'static str],
    regions: &'static [&'static str],
    descriptions: &'static [&'static str],
}

const LATIN: Vocab = Vocab {
    words: WORDS,
    real_first: REAL_FIRST,
    real_syl: REAL_SYL,
    real_end: ("ova", "ov"),
    pseudo_syl: PSEUDO_SYL,
    pseudo_initials: PSEUDO_INITIALS,
    pseudo_tail: PSEUDO_TAIL,
    named_first: NAMED_FIRST,
    named_syl: NAMED_SYL,
    named_tail: NAMED_TAIL,
    places: PLACES,
    regions: REGIONS,
    descriptions: DESCRIPTIONS,
};

const CYRILLIC: Vocab = Vocab {
    words: CYR_WORDS,
    real_first: CYR_REAL_FIRST,
    real_syl: CYR_REAL_SYL,
    real_end: ("ова", "ов"),
    pseudo_syl: CYR_PSEUDO_SYL,
    pseudo_initials: CYR_PSEUDO_INITIALS,
    pseudo_tail: CYR_PSEUDO_TAIL,
    named_first: CYR_NAMED_FIRST,
    named_syl: CYR_NAMED_SYL,
    named_tail: CYR_NAMED_TAIL,
    places: CYR_PLACES,
    regions: CYR_REGIONS,
    descriptions: CYR_DESCRIPTIONS,
};

/// Writes a project of `findings` findings into `dir` (created if needed; files of the same names
/// are overwritten). The same `findings` and `seed` always give the same files.
pub fn generate(dir: &Path, findings: usize, seed: u64) -> io::Result<Counts> {
    generate_in(dir, findings, seed, Script::Latin)
}

/// Writes a project as [`generate`] does, its running text, titles, names and places in
/// `script`. The Latin project is `generate`'s, byte for byte; the Cyrillic one draws the same
/// numbers, so it has the same shape (records, references, consent levels) in other words.
pub fn generate_in(dir: &Path, findings: usize, seed: u64, script: Script) -> io::Result<Counts> {
    let g = Gen::new(findings, seed, script);
    g.write(dir)
}

/// Rewrites the generated testimonies and recommendations one record per file, each named
/// after its id (`testimonies/t000001.yaml`): the layout of a project that keeps every record in
/// a file of its own. The records are the same, written the same way. Gives the number of files.
pub fn one_record_per_file(dir: &Path) -> io::Result<usize> {
    let mut files = 0;
    for kind in ["testimonies", "recommendations"] {
        let folder = dir.join(kind);
        let mut batches = std::fs::read_dir(&folder)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<Vec<_>>>()?;
        batches.sort();
        for batch in batches {
            let text = std::fs::read_to_string(&batch)?;
            std::fs::remove_file(&batch)?;
            // Each record starts with its id at the line's start; the comment above the first
            // is dropped.
            let mut records: Vec<(String, String)> = vec![];
            for line in text.lines() {
                if let Some(id) = line.strip_prefix("- id: ") {
                    records.push((id.trim().to_string(), String::new()));
                }
                if let Some((_, record)) = records.last_mut() {
                    record.push_str(line);
                    record.push('\n');
                }
            }
            for (id, record) in records {
                std::fs::write(
                    folder.join(format!("{id}.yaml")),
                    record.trim_end().to_string() + "\n",
                )?;
                files += 1;
            }
        }
    }
    Ok(files)
}

/// Rewrites the generated testimonies and recommendations as one file of each
/// (`testimonies/all.yaml`, `recommendations/all.yaml`): the layout of a project that keeps
/// every record of a kind in one long list. The records are the same, in the same order.
/// Gives the two files' sizes in bytes.
pub fn one_file_per_kind(dir: &Path) -> io::Result<[usize; 2]> {
    let mut sizes = [0; 2];
    for (k, kind) in ["testimonies", "recommendations"].into_iter().enumerate() {
        let folder = dir.join(kind);
        let mut batches = std::fs::read_dir(&folder)?
            .map(|e| e.map(|e| e.path()))
            .collect::<io::Result<Vec<_>>>()?;
        batches.sort();
        let mut all = String::new();
        for batch in batches {
            let text = std::fs::read_to_string(&batch)?;
            std::fs::remove_file(&batch)?;
            all.push_str(text.trim_end());
            all.push_str("\n\n");
        }
        std::fs::write(folder.join("all.yaml"), &all)?;
        sizes[k] = all.len();
    }
    Ok(sizes)
}

struct Gen {
    n: usize,
    seed: u64,
    documents: usize,
    meetings: usize,
    ministries: usize,
    script: Script,
    v: &'static Vocab,
}

/// The finding ids, so that every reference can name one.
fn finding_id(i: usize) -> String {
    format!("f{i:05}")
}
fn testimony_id(i: usize) -> String {
    format!("t{i:06}")
}
fn part_of(i: usize) -> usize {
    i / 20
}
/// Findings that are a sub-finding of the one before (every seventh finding carries the next).
fn is_sub(i: usize) -> bool {
    i % 7 == 1 && part_of(i) == part_of(i - 1)
}

impl Gen {
    fn new(n: usize, seed: u64, script: Script) -> Gen {
        Gen {
            n: n.max(4),
            seed,
            documents: (n * 6 / 5).max(2),
            meetings: (n * 3 / 5).max(2),
            ministries: (4 + n / 50).min(40),
            script,
            v: match script {
                Script::Latin => &LATIN,
                Script::Cyrillic => &CYRILLIC,
            },
        }
    }

    fn cyrillic(&self) -> bool {
        self.script == Script::Cyrillic
    }

    /// The Latin text or the Cyrillic one, as the project is written.
    fn say(&self, latin: &'static str, cyrillic: &'static str) -> &'static str {
        if self.cyrillic() { cyrillic } else { latin }
    }

    fn rng(&self, stream: u64, i: usize) -> Rng {
        Rng(self.seed ^ stream.wrapping_mul(0x100_0000_01B3) ^ (i as u64).wrapping_mul(0x9E37))
    }

    /// The testimonies of finding `i`: 2 or 3 (2.5 on average), numbered in order.
    fn testimonies_of(&self, i: usize) -> std::ops::Range<usize> {
        let start = i * 5 / 2;
        start..(i + 1) * 5 / 2
    }

    fn write(&self, dir: &Path) -> io::Result<Counts> {
        for sub in [
            "findings",
            "testimonies",
            "recommendations",
            "chapters",
            "sources",
        ] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        let mut counts = Counts {
            findings: self.n,
            documents: self.documents,
            meetings: self.meetings,
            addressees: 2 + 2 * self.ministries + 1,
            ..Counts::default()
        };
        std::fs::write(dir.join("report.yaml"), self.manifest())?;
        std::fs::write(dir.join("addressees.yaml"), self.addressees())?;
        self.chapters(dir)?;
        for i in 0..self.n {
            let text = self.finding(i);
            counts.words += text.split_whitespace().count();
            std::fs::write(
                dir.join("findings").join(format!("{}.md", finding_id(i))),
                text,
            )?;
        }
        counts.testimonies = self.testimonies(dir)?;
        counts.recommendations = self.recommendations(dir)?;
        self.sources(dir)?;
        Ok(counts)
    }

    fn sentence(&self, r: &mut Rng, words: usize) -> String {
        let mut s = String::new();
        for k in 0..words {
            let w = r.pick(self.v.words);
            if k == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(w);
                if k + 1 < words && r.chance(6) {
                    s.push(',');
                }
            }
        }
        s.push('.');
        s
    }

    /// A sentence of `lo` to `lo + spread - 1` words.
    fn sentence_of(&self, r: &mut Rng, lo: usize, spread: usize) -> String {
        let n = lo + r.below(spread);
        self.sentence(r, n)
    }

    fn title(&self, r: &mut Rng, i: usize) -> String {
        let s = self.sentence_of(r, 3, 4);
        format!("{} ({})", s.trim_end_matches('.'), i + 1)
    }

    fn manifest(&self) -> String {
        let mut y = String::new();
        y.push_str(self.say(
            "title: \"Synthetic report on labour migration\"\n\
             subtitle: \"A generated project for the scale benchmark\"\n\
             number: \"999s\"\n\
             date: 2024-05\n\
             language: en\n\
             authors:\n\
             \x20 - {id: centre-a, name: \"Example Centre for Migrant Rights\", about: \"An invented organisation that documents abuses against migrant workers.\"}\n\
             \x20 - {id: centre-b, name: \"Example Labour Monitor\", about: \"An invented organisation that monitors labour rights in Central Asia.\"}\n",
            "title: \"Синтетический доклад о трудовой миграции\"\n\
             subtitle: \"Проект, созданный для нагрузочного теста\"\n\
             number: \"999s\"\n\
             date: 2024-05\n\
             language: ru\n\
             authors:\n\
             \x20 - {id: centre-a, name: \"Примерный центр по правам мигрантских семей\", about: \"Вымышленная организация, которая документирует нарушения в отношении мигрантских семей.\"}\n\
             \x20 - {id: centre-b, name: \"Примерный мониторинг труда\", about: \"Вымышленная организация, которая следит за трудовыми правами в Центральной Азии.\"}\n",
        ));
        y.push_str(
            "states: [KAZ, KGZ]\n\
             outline:\n\
             \x20 - chapter: chapters/introduction.md\n\
             \x20 - chapter: chapters/methodology.md\n",
        );
        let parts = part_of(self.n - 1) + 1;
        for p in 0..parts {
            let mut r = self.rng(1, p);
            let title = self.sentence_of(&mut r, 4, 3);
            let _ = writeln!(y, "  - part: \"{}\"", title.trim_end_matches('.'));
            let _ = writeln!(y, "    intro: chapters/part-{p:04}.md");
            y.push_str("    findings:\n");
            let mut i = p * 20;
            while i < ((p + 1) * 20).min(self.n) {
                if i + 1 < self.n && is_sub(i + 1) {
                    let _ = writeln!(
                        y,
                        "      - {{id: {}, sub: [{}]}}",
                        finding_id(i),
                        finding_id(i + 1)
                    );
                    i += 2;
                } else {
                    let _ = writeln!(y, "      - {}", finding_id(i));
                    i += 1;
                }
            }
        }
        y.push_str(
            "  - chapter: chapters/conclusion.md\n\
             \x20 - recommendations\n\
             \x20 - annex: ratifications\n\
             \x20 - annex: meetings\n\
             \x20 - annex: authorities\n\
             outputs:\n\
             \x20 - publication: {formats: [html, pdf]}\n\
             \x20 - recommendations: {by: addressee, formats: [html, pdf, csv]}\n\
             \x20 - alternative-report: {body: CMW, state: KGZ, publish: true, formats: [pdf, docx, html]}\n",
        );
        // The UPR carries four findings about Kazakhstan (even-numbered ones, not sub-findings).
        let upr: Vec<String> = (0..self.n)
            .filter(|&i| i.is_multiple_of(2) && !is_sub(i))
            .take(4)
            .map(finding_id)
            .collect();
        let _ = writeln!(
            y,
            "  - upr: {{state: KAZ, session: \"48\", formats: [pdf, docx, html], findings: [{}]}}",
            upr.join(", ")
        );
        y
    }

    fn addressees(&self) -> String {
        let mut y = String::new();
        for (gov, state, name, of) in [
            (
                "kaz-gov",
                "KAZ",
                self.say("The Kazakh authorities", "Власти Казахстана"),
                self.say("Kazakh authorities", "Казахстан"),
            ),
            (
                "kgz-gov",
                "KGZ",
                self.say("The Kyrgyz authorities", "Власти Кыргызстана"),
                self.say("Kyrgyz authorities", "Кыргызстан"),
            ),
        ] {
            let _ = writeln!(
                y,
                "- id: {gov}\n  name: \"{name}\"\n  state: {state}\n  members:"
            );
            for m in 0..self.ministries {
                let _ = if self.cyrillic() {
                    writeln!(
                        y,
                        "    - {{id: {gov}-m{m:03}, name: \"Министерство номер {} ({of})\"}}",
                        m + 1
                    )
                } else {
                    writeln!(
                        y,
                        "    - {{id: {gov}-m{m:03}, name: \"Ministry number {} of the {of}\"}}",
                        m + 1
                    )
                };
            }
        }
        y.push_str(self.say(
            "- {id: ilo, name: \"The International Labour Organization\"}\n",
            "- {id: ilo, name: \"Международная организация труда\"}\n",
        ));
        y
    }

    fn chapters(&self, dir: &Path) -> io::Result<()> {
        let ch = dir.join("chapters");
        let mut r = self.rng(2, 0);
        let para = |r: &mut Rng, n: usize| -> String {
            (0..n)
                .map(|_| self.sentence_of(r, 8, 10))
                .collect::<Vec<_>>()
                .join(" ")
        };
        std::fs::write(
            ch.join("introduction.md"),
            format!(
                "# {}\n\n{} [@d00000]\n\n{} ([[#{}]])\n",
                self.say("Introduction", "Введение"),
                para(&mut r, 4),
                para(&mut r, 3),
                finding_id(0)
            ),
        )?;
        std::fs::write(
            ch.join("methodology.md"),
            format!(
                "# {}\n\n{}\n\n![[stats:interviews]]\n\n{} [@m00000]\n",
                self.say("Methodology", "Методология"),
                para(&mut r, 4),
                para(&mut r, 2)
            ),
        )?;
        std::fs::write(
            ch.join("conclusion.md"),
            format!(
                "# {}\n\n{}\n",
                self.say("Conclusion", "Заключение"),
                para(&mut r, 5)
            ),
        )?;
        for p in 0..=part_of(self.n - 1) {
            let first = p * 20;
            let last = ((p + 1) * 20).min(self.n) - 1;
            std::fs::write(
                ch.join(format!("part-{p:04}.md")),
                format!(
                    "---\nid: part-{p:04}-intro\ntitle: \"{} {}\"\n---\n{} {} [[#{}]] {} [[#{}]], {}\n",
                    self.say("Part", "Часть"),
                    p + 1,
                    para(&mut r, 2),
                    self.say("From", "С"),
                    finding_id(first),
                    self.say("to", "по"),
                    finding_id(last),
                    self.sentence(&mut r, 10).to_lowercase()
                ),
            )?;
        }
        Ok(())
    }

    fn finding(&self, i: usize) -> String {
        let mut r = self.rng(3, i);
        let state = if i.is_multiple_of(2) { "KAZ" } else { "KGZ" };
        let mut themes: Vec<&str> = (0..1 + r.below(3)).map(|_| r.pick(THEMES)).collect();
        themes.sort();
        themes.dedup();
        let mut provisions: Vec<&str> = (0..1 + r.below(3)).map(|_| r.pick(PROVISIONS)).collect();
        provisions.sort();
        provisions.dedup();
        let mut s = format!(
            "---\nid: {}\ntitle: \"{}\"\nstate: {state}\nthemes: [{}]\nprovisions: [{}]\n",
            finding_id(i),
            self.title(&mut r, i),
            themes.join(", "),
            provisions.join(", ")
        );
        if r.chance(50) {
            let y = 2017 + r.below(6);
            let _ = writeln!(
                s,
                "period: {{from: {y}-{:02}, to: {}-{:02}}}",
                1 + r.below(12),
                y + 1,
                1 + r.below(12)
            );
            let _ = writeln!(
                s,
                "places: [{}, {}]",
                r.pick(self.v.places),
                r.pick(self.v.places)
            );
        }
        s.push_str("---\n");
        let testimonies: Vec<usize> = self.testimonies_of(i).collect();
        let paragraphs = 4 + r.below(2);
        let mut words_left = 330usize;
        for k in 0..paragraphs {
            if k == 1 && r.chance(40) {
                let h = self.sentence(&mut r, 3);
                let _ = write!(s, "## {}\n\n", h.trim_end_matches('.'));
            }
            let sentences = 4 + r.below(3);
            let mut p = String::new();
            for j in 0..sentences {
                let len = (8 + r.below(14)).min(words_left.max(6));
                words_left = words_left.saturating_sub(len);
                let mut sent = self.sentence(&mut r, len);
                sent.pop();
                match (k + j + r.below(4)) % 6 {
                    0 => {
                        let _ = write!(
                            sent,
                            " [@d{:05}, p. {}]",
                            r.below(self.documents),
                            1 + r.below(90)
                        );
                    }
                    1 => {
                        let _ = write!(sent, " [[{}]]", r.pick(provisions.as_slice()));
                    }
                    2 => {
                        let _ = write!(sent, " [@m{:05}]", r.below(self.meetings));
                    }
                    3 if j == 0 => {
                        let _ = write!(
                            sent,
                            " ({} [[#{}]])",
                            self.say("see", "см."),
                            finding_id(r.below(self.n))
                        );
                    }
                    4 if k == 0 && j == 0 => {
                        let _ = write!(sent, " [[{}]]", r.pick(PROVISIONS));
                    }
                    _ => {}
                }
                sent.push('.');
                if !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(&sent);
            }
            if k == 0 && i.is_multiple_of(5) {
                p.push_str("[^n1]");
            }
            s.push_str(&p);
            s.push_str("\n\n");
            if let Some(t) = testimonies.get(k) {
                let _ = write!(s, "![[{}]]\n\n", testimony_id(*t));
            }
        }
        for t in testimonies.iter().skip(paragraphs) {
            let _ = write!(s, "![[{}]]\n\n", testimony_id(*t));
        }
        if i.is_multiple_of(5) {
            let _ = writeln!(
                s,
                "[^n1]: {} [@d{:05}]",
                self.sentence(&mut r, 12),
                r.below(self.documents)
            );
        }
        s
    }

    fn real_name(&self, r: &mut Rng, female: bool) -> String {
        let first = r.pick(self.v.real_first);
        let mut sur = String::new();
        for k in 0..2 + r.below(2) {
            let syl = r.pick(self.v.real_syl);
            if k == 0 {
                let mut c = syl.chars();
                sur.extend(c.next().into_iter().flat_map(char::to_uppercase));
                sur.push_str(c.as_str());
            } else {
                sur.push_str(syl);
            }
        }
        sur.push_str(if female {
            self.v.real_end.0
        } else {
            self.v.real_end.1
        });
        format!("{first} {sur}")
    }

    /// A pseudonym unique to testimony `k`. Its letters (first and initial) are never the
    /// initial of a real first name or surname, so it never gives the real initials away.
    fn pseudonym(&self, k: usize) -> String {
        let a = self.v.pseudo_syl.len();
        let b = self.v.pseudo_tail.len();
        let first = format!(
            "{}{}{}",
            self.v.pseudo_syl[k % a],
            self.v.pseudo_syl[(k / a) % a].to_lowercase(),
            self.v.pseudo_tail[(k / (a * a)) % b]
        );
        let initial = self.v.pseudo_initials[(k / (a * a * b)) % self.v.pseudo_initials.len()];
        format!("{first} {initial}.")
    }

    fn named_name(&self, r: &mut Rng) -> String {
        format!(
            "{} {}{}{}",
            r.pick(self.v.named_first),
            r.pick(self.v.named_syl),
            r.pick(self.v.named_syl).to_lowercase(),
            r.pick(self.v.named_tail)
        )
    }

    fn testimony(&self, k: usize, finding: usize) -> String {
        let mut r = self.rng(4, k);
        let female = r.chance(50);
        let gender = if female { "female" } else { "male" };
        let country = if finding.is_multiple_of(2) {
            "KAZ"
        } else {
            "KGZ"
        };
        let date = format!(
            "{}-{:02}-{:02}",
            2017 + r.below(6),
            1 + r.below(12),
            1 + r.below(28)
        );
        let roll = r.below(100);
        // One in 25 is internal and never cited (its id is past the cited ones).
        let mut y = format!("- id: {}\n", testimony_id(k));
        let desc = r.pick(self.v.descriptions);
        match roll {
            0..20 => {
                let _ = write!(
                    y,
                    "  consent: named\n  speaker:\n    name: \"{}\"\n    description: \"{desc}\"\n    gender: {gender}\n    age: {}\n    nationality: KGZ\n  date: {date}\n  place: \"{}\"\n",
                    self.named_name(&mut r),
                    20 + r.below(40),
                    r.pick(self.v.places)
                );
            }
            20..65 => {
                let real = self.real_name(&mut r, female);
                let _ = write!(
                    y,
                    "  consent: pseudonymous\n  speaker:\n    name: \"{real}\"\n    pseudonym: \"{}\"\n    description: \"{desc}\"\n    gender: {gender}\n    nationality: KGZ\n  date: {date}\n",
                    self.pseudonym(k)
                );
                if r.chance(60) {
                    let _ = writeln!(
                        y,
                        "  protected: [\"+996 7{:02} {:03} {:03}\"]",
                        r.below(100),
                        r.below(1000),
                        r.below(1000)
                    );
                }
            }
            _ => {
                y.push_str("  consent: anonymous\n  speaker:\n");
                if r.chance(50) {
                    let _ = writeln!(y, "    name: \"{}\"", self.real_name(&mut r, female));
                }
                let _ = write!(
                    y,
                    "    description: \"{desc}\"\n    gender: {gender}\n    nationality: KGZ\n  date: {date}\n"
                );
            }
        }
        let _ = write!(
            y,
            "  region: \"{}\"\n  country: {country}\n  interviewer: {}\n  language: {}\n  themes: [{}]\n",
            r.pick(self.v.regions),
            if r.chance(50) { "centre-a" } else { "centre-b" },
            // Chosen in both scripts (the same numbers drawn); Cyrillic testimonies are in Russian.
            if r.chance(50) || self.cyrillic() {
                "ru"
            } else {
                "ky"
            },
            r.pick(THEMES)
        );
        if r.chance(30) {
            y.push_str("  paraphrased: true\n");
        }
        y.push_str("  text: |\n");
        let words = 40 + r.below(50);
        let mut left = words;
        let mut line = String::from("   ");
        while left > 0 {
            let len = left.min(6 + r.below(12));
            left -= len;
            let sent = self.sentence(&mut r, len);
            for w in sent.split(' ') {
                if line.chars().count() + w.chars().count() > 96 {
                    y.push_str(&line);
                    y.push('\n');
                    line = String::from("   ");
                }
                line.push(' ');
                line.push_str(w);
            }
        }
        y.push_str(&line);
        y.push_str("\n\n");
        y
    }

    fn internal_testimony(&self, k: usize) -> String {
        let mut r = self.rng(5, k);
        let female = r.chance(50);
        let mut y = format!(
            "- id: t-internal-{k:05}\n  consent: internal\n  speaker:\n    name: \"{}\"\n    description: \"{}\"\n    gender: {}\n  country: KAZ\n  interviewer: centre-a\n  protected: [\"+996 5{:02} {:03} {:03}\"]\n  text: |\n   ",
            self.real_name(&mut r, female),
            r.pick(self.v.descriptions),
            if female { "female" } else { "male" },
            r.below(100),
            r.below(1000),
            r.below(1000),
        );
        for _ in 0..4 {
            y.push(' ');
            let n = 8 + r.below(8);
            y.push_str(&self.sentence(&mut r, n));
        }
        y.push_str("\n\n");
        y
    }

    /// Testimonies in files of fifty findings' worth each; returns how many.
    fn testimonies(&self, dir: &Path) -> io::Result<usize> {
        let mut count = 0;
        let internal = self.n / 10;
        for (batch, first) in (0..self.n).step_by(50).enumerate() {
            let mut y =
                String::from("# Generated testimonies: invented people, invented words.\n\n");
            for i in first..(first + 50).min(self.n) {
                for k in self.testimonies_of(i) {
                    y.push_str(&self.testimony(k, i));
                    count += 1;
                }
            }
            for k in (batch * internal / self.n.div_ceil(50))
                ..((batch + 1) * internal / self.n.div_ceil(50))
            {
                y.push_str(&self.internal_testimony(k));
                count += 1;
            }
            std::fs::write(
                dir.join("testimonies")
                    .join(format!("batch-{batch:04}.yaml")),
                y,
            )?;
        }
        Ok(count)
    }

    /// Five recommendations per finding, in files of a hundred findings' worth.
    fn recommendations(&self, dir: &Path) -> io::Result<usize> {
        let mut count = 0;
        for (batch, first) in (0..self.n).step_by(100).enumerate() {
            let mut y = String::new();
            for i in first..(first + 100).min(self.n) {
                let mut r = self.rng(6, i);
                let gov = if i.is_multiple_of(2) {
                    "kaz-gov"
                } else {
                    "kgz-gov"
                };
                for j in 0..5 {
                    let to = match j {
                        0 if i.is_multiple_of(10) => gov.to_string(),
                        4 if i.is_multiple_of(3) => "ilo".to_string(),
                        _ => format!("{gov}-m{:03}", r.below(self.ministries)),
                    };
                    let mut text = self.sentence_of(&mut r, 12, 20);
                    if j == 1 {
                        text.pop();
                        let _ = write!(
                            text,
                            "{} [[{}]]{}",
                            self.say(", as", ", как того требует"),
                            r.pick(PROVISIONS),
                            self.say(" requires.", ".")
                        );
                    }
                    let _ = write!(
                        y,
                        "- id: r{i:05}-{j}\n  to: [{to}]\n  theme: {}\n  text: \"{text}\"\n  findings: [{}]\n",
                        r.pick(THEMES),
                        finding_id(i)
                    );
                    if r.chance(40) {
                        let _ = writeln!(y, "  provisions: [{}]", r.pick(PROVISIONS));
                    }
                    if r.chance(50) {
                        let _ = writeln!(y, "  priority: {}", 1 + r.below(3));
                    }
                    y.push('\n');
                    count += 1;
                }
            }
            std::fs::write(
                dir.join("recommendations")
                    .join(format!("batch-{batch:04}.yaml")),
                y,
            )?;
        }
        Ok(count)
    }

    fn sources(&self, dir: &Path) -> io::Result<()> {
        let mut y = String::from("documents:\n");
        for d in 0..self.documents {
            let mut r = self.rng(7, d);
            let title = self.sentence_of(&mut r, 5, 6);
            let _ = writeln!(
                y,
                "  - {{id: d{d:05}, title: \"{}\", author: \"{}\", date: {}-{:02}, url: \"https://example.org/documents/{d}\"}}",
                title.trim_end_matches('.'),
                self.say(
                    "Example Centre for Migrant Rights",
                    "Примерный центр по правам мигрантских семей"
                ),
                2010 + r.below(14),
                1 + r.below(12)
            );
        }
        y.push_str("meetings:\n");
        for m in 0..self.meetings {
            let mut r = self.rng(8, m);
            let state = if m.is_multiple_of(2) { "KAZ" } else { "KGZ" };
            let office = if self.cyrillic() {
                format!(
                    "Отдел номер {} {}",
                    m + 1,
                    r.pick(&[
                        "трудовой инспекции",
                        "миграционной службы",
                        "профсоюза",
                        "омбудсмена"
                    ])
                )
            } else {
                format!(
                    "Office number {} of the {}",
                    m + 1,
                    r.pick(&[
                        "labour inspection",
                        "migration service",
                        "trade union",
                        "ombudsperson"
                    ])
                )
            };
            let _ = writeln!(
                y,
                "  - {{id: m{m:05}, with: \"{office}\", kind: {}, state: {state}, place: {}, date: 2023-{:02}-{:02}}}",
                r.pick(KINDS),
                r.pick(self.v.places),
                1 + r.below(12),
                1 + r.below(28)
            );
        }
        std::fs::write(dir.join("sources.yaml"), y)
    }
}
