//! Word lists the bench generator draws from. Mixed English and Japanese,
//! with near-duplicates (case, width, hyphen, underscore) on purpose: the
//! driver's tests compare Kintone's sort and token-search rules on them.

/// `(code, display name)` of the users the bench app refers to.
pub const USERS: &[(&str, &str)] = &[
    ("sato", "佐藤 花子"),
    ("tanaka", "田中 太郎"),
    ("suzuki", "鈴木 一郎"),
    ("takahashi", "高橋 美咲"),
    ("watanabe", "渡辺 健"),
    ("ito", "伊藤 さくら"),
    ("j.smith", "John Smith"),
    ("m.garcia", "María García"),
    ("l.chen", "Li Chen"),
    ("a.muller", "Anna Müller"),
];

pub const TITLE_ADJECTIVES: &[&str] = &[
    "Blue", "Red", "Green", "Large", "Small", "Premium", "Basic", "Annual", "Monthly", "Express",
    "Bulk", "Sample", "Custom", "Standard", "Urgent", "Spare",
];

pub const TITLE_NOUNS: &[&str] = &[
    "widget order",
    "gadget order",
    "license renewal",
    "support contract",
    "parts delivery",
    "maintenance visit",
    "consulting hours",
    "training seats",
    "hardware refresh",
    "cloud credits",
    "office supplies",
    "catering",
];

/// Whole titles in Japanese, used for about one record in eight.
pub const TITLES_JA: &[&str] = &[
    "事務用品の注文",
    "保守契約の更新",
    "ノートパソコン追加購入",
    "年間ライセンス更新",
    "研修会場の手配",
    "部品の緊急配送",
    "コンサルティング費用",
    "クラウド利用料",
];

pub const CUSTOMERS: &[&str] = &[
    "Acme Corporation",
    "Globex",
    "Initech",
    "Umbrella Trading",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Vandelay Industries",
    "Soylent Foods",
    "Tyrell Systems",
    "Cyberdyne",
    "Wonka Confectionery",
    "Northwind Traders",
    "Contoso Ltd.",
    "Fabrikam",
    "Blue Sky Airlines",
    "株式会社山田商事",
    "東京電機工業株式会社",
    "大阪フーズ株式会社",
    "さくら物産",
    "北海道ミルク販売",
    "合同会社みなと設計",
    "有限会社青空書房",
    "株式会社ネコノテ",
];

pub const CITIES: &[&str] = &[
    "Tokyo",
    "Osaka",
    "Nagoya",
    "Sapporo",
    "Fukuoka",
    "東京",
    "大阪",
    "京都",
    "横浜",
    "New York",
    "San Francisco",
    "London",
    "Paris",
    "Zürich",
    "São Paulo",
    "Singapore",
];

/// Contact people: given and family names are combined.
pub const GIVEN_NAMES: &[&str] = &[
    "Hanako", "Taro", "Yuki", "Ken", "Emma", "Liam", "Olivia", "Noah", "花子", "太郎", "陽菜", "蓮",
];
pub const FAMILY_NAMES: &[&str] = &[
    "Sato",
    "Suzuki",
    "Takahashi",
    "Smith",
    "Johnson",
    "Brown",
    "García",
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
];

/// Short texts chosen to exercise Kintone's rules: code-point order with
/// case, accents, full and half width; token search splitting on space and
/// hyphen but not on underscore; whitespace-only text that counts as empty.
pub const KEYWORDS: &[&str] = &[
    "apple",
    "Apple",
    "APPLE",
    "apple pie",
    "pineapple",
    "éclair",
    "Zebra",
    "zebra",
    "key",
    "keyword",
    "key-word",
    "key_word",
    "key word",
    "100%",
    "50% off",
    "東京",
    "東京タワー",
    "とうきょう",
    "ｶﾀｶﾅ",
    "カタカナ",
    "ＡＢＣ",
    "ABC",
    "a\"quoted\"word",
    "back\\slash",
    "  ",
];

pub const NOTE_SENTENCES: &[&str] = &[
    "Customer asked for a quote before the end of the month.",
    "Delivery confirmed by phone.",
    "Invoice sent; waiting for payment.",
    "Follow up next week about the discount.",
    "Requested express shipping for the remaining parts.",
    "Contract terms reviewed by legal.",
    "見積書を送付済み。",
    "来週、担当者と打ち合わせ予定。",
    "納期について再確認が必要です。",
    "請求書は月末締めで発行します。",
];

pub const ITEM_NAMES: &[&str] = &[
    "Widget",
    "Gadget",
    "Cable",
    "Adapter",
    "Monitor",
    "Keyboard",
    "Mouse",
    "License",
    "ケーブル",
    "モニター",
    "キーボード",
    "保守サポート",
];

pub const PRIORITIES: &[&str] = &["Low", "Medium", "High", "Urgent"];
pub const CATEGORIES: &[&str] = &["食品", "家電", "Books", "衣料", "Toys"];
pub const CHANNELS: &[&str] = &["Web", "Phone", "Store"];
pub const FLAGS: &[&str] = &["gift", "express", "fragile", "返品"];
pub const TEAMS: &[&str] = &["Sales", "Support", "Marketing", "開発"];
