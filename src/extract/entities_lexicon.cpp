// SPDX-License-Identifier: MIT
#include "entities_lexicon.hpp"
#include "word_hash.hpp"

#include <initializer_list>
#include <unordered_map>
#include <unordered_set>

// The lists are small and English-news oriented on purpose: the recognizer
// uses them as cues on top of capitalization, never as the only evidence for a
// name (except the known places, which also type a name).
namespace storydiff::extract::detail {

namespace {

using WordSet = WordViewSet;

WordSet make_set(std::initializer_list<std::string_view> words) {
  return WordSet(words.begin(), words.end());
}

} // namespace

bool is_title_head(std::string_view word) {
  static const WordSet k_words = make_set({
      "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Gen", "General", "Lt",
      "Lieut", "Col", "Colonel", "Maj", "Major", "Capt", "Captain", "Sgt", "Sergeant", "Cpl",
      "Corporal", "Pvt", "Private", "Adm", "Admiral", "Cmdr", "Commander", "Cdr", "Gov",
      "Governor", "Sen", "Senator", "Rep", "Representative", "Congressman", "Congresswoman",
      "Mayor", "President", "Premier", "Minister", "Secretary", "Chancellor", "Chairman",
      "Chairwoman", "Chair", "Chief", "Judge", "Justice", "Officer", "Deputy", "Detective",
      "Det", "Sheriff", "Marshal", "Commissioner", "Superintendent", "Supt", "Inspector",
      "Insp", "Constable", "Pope", "King", "Queen", "Prince", "Princess", "Sir", "Dame", "Lord",
      "Lady", "Rev", "Reverend", "Fr", "Father", "Bishop", "Archbishop", "Cardinal", "Rabbi",
      "Imam", "Sheikh", "Ambassador", "Envoy", "Director", "Spokesman", "Spokeswoman",
      "Spokesperson", "Coach", "Councilman", "Councilwoman", "Councillor", "Councilor",
      "Alderman", "Assemblyman", "Assemblywoman", "Trooper", "Patrolman", "Agent", "Attorney",
      "Prosecutor", "Dean", "Provost", "Emperor", "Empress", "Duke", "Duchess", "Count",
      "Countess", "Baron", "Baroness", "Pastor", "Brother", "Sister", "Nurse", "Sgt.", "Hon",
      "Honorable", "Gov.-elect", "President-elect", "CEO", "MP", "Treasurer", "Auditor",
      "Comptroller", "Coroner", "Magistrate", "Ranger", "Lieutenant", "Ensign", "Airman",
      "Mrs.", "Messrs", "Mme", "Mlle", "Herr", "Frau", "Senor", "Señor", "Dona", "Doña",
  });
  return k_words.count(word) != 0;
}

bool is_title_modifier(std::string_view word) {
  static const WordSet k_words = make_set({
      "Fire", "Police", "State", "Special", "Vice", "Deputy", "Assistant", "Acting", "Interim",
      "Former", "Prime", "Executive", "Managing", "Senior", "Junior", "Foreign", "Interior",
      "Defense", "Defence", "Health", "Finance", "Justice", "Education", "Home", "Chief",
      "Attorney", "Lt", "Lieutenant", "Rear", "Brig", "Brigadier", "Maj", "Major", "Staff",
      "Master", "First", "Second", "Supreme", "Grand", "Crown", "Associate", "County",
      "District", "City", "Town", "Circuit", "Federal", "Head", "General", "Press", "Police",
      "Fleet", "Field", "Air", "Vice-President", "Surgeon", "Secretary", "Majority", "Minority",
      "Opposition", "Party", "Team", "Board", "Council", "Committee", "Club", "Border",
      "Transport", "Energy", "Trade", "Labor", "Labour", "Environment", "Agriculture",
      "Economy", "Treasury", "Emergency", "Public", "Safety", "Medical", "Deputy-Chief",
  });
  return k_words.count(word) != 0;
}

bool is_org_word(std::string_view word) {
  static const WordSet k_words = make_set({
      "Police", "Department", "Dept", "Ministry", "Agency", "Council", "Committee", "Board",
      "Bank", "Banks", "University", "College", "Institute", "Company", "Co", "Inc", "Corp",
      "Corporation", "Ltd", "LLC", "PLC", "Plc", "GmbH", "AG", "SA", "Group", "Guard",
      "Service", "Services", "Association", "Party", "Court", "Reuters", "Administration",
      "Commission", "Authority", "Office", "Bureau", "Foundation", "Society", "Union",
      "Federation", "Organization", "Organisation", "Reserve", "Hospital", "Clinic", "School",
      "Academy", "Elementary", "Church", "Museum", "Army", "Navy", "Force", "Forces", "Corps",
      "Parliament", "Congress", "Senate", "Assembly", "Cabinet", "Government", "Coalition",
      "Alliance", "League", "Club", "Team", "Network", "Times", "Post", "Journal", "News",
      "Press", "Television", "Radio", "Airlines", "Airways", "Railway", "Railways", "Fund",
      "Trust", "Council", "Secretariat", "Tribunal", "Bancorp", "Holdings", "Industries",
      "Laboratories", "Labs", "Partners", "Systems", "Technologies", "Ventures", "Centre",
      "Center", "Program", "Programme", "Initiative", "Coalition", "Caucus", "Sheriff's",
      "Ministries", "Departments", "Brigade", "Regiment", "Battalion", "Division", "Command",
      "Directorate", "Inspectorate", "Cafe", "Café", "Restaurant", "Hotel", "Airport",
      "Stadium", "Library", "Prison", "Jail",
  });
  return k_words.count(word) != 0;
}

bool is_place_suffix(std::string_view word) {
  static const WordSet k_words = make_set({
      "Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd", "Lane", "Ln",
      "Drive", "Highway", "Hwy", "Route", "Parkway", "Pkwy", "Way", "Place", "Square",
      "Bridge", "River", "Lake", "Bay", "Island", "Islands", "Isle", "Sound", "Mountain",
      "Mountains", "Mount", "Hill", "Hills", "Valley", "County", "Parish", "City", "Town",
      "Township", "Village", "Park", "Beach", "Harbor", "Harbour", "Coast", "Strait", "Straits",
      "Canal", "Heights", "Falls", "Springs", "Province", "Region", "District", "Peninsula",
      "Desert", "Forest", "Creek", "Canyon", "Gulf", "Sea", "Ocean", "Channel", "Territory",
      "Territories", "Oblast", "Governorate", "Prefecture", "Borough", "Estate", "Reservoir",
      "Glacier", "Volcano", "Pass", "Point", "Cape", "Delta", "Basin", "Plain", "Plains",
      "Ridge", "Terrace", "Crescent", "Close", "Gardens", "Quay", "Wharf", "Pier",
      "Junction", "Corner", "Crossing", "Mall", "Plaza", "Strip",
  });
  return k_words.count(word) != 0;
}

bool is_place_prefix(std::string_view word) {
  static const WordSet k_words = make_set({
      "Mount", "Mt", "Port", "Fort", "Ft", "Lake", "Cape", "Gulf", "Isle", "Lac", "Rio",
      "San", "Santa", "Saint", "St", "Los", "Las", "Bay", "Camp", "Glen", "Lower",
      "Upper", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
      "Central", "Greater", "New",
  });
  return k_words.count(word) != 0;
}

bool is_first_name(std::string_view word) {
  static const WordSet k_words = make_set({
      "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas",
      "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven",
      "Paul", "Andrew", "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald",
      "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan",
      "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Ben", "Samuel", "Frank",
      "Gregory", "Raymond", "Alexander", "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron",
      "Jose", "José", "Adam", "Henry", "Nathan", "Douglas", "Zachary", "Peter", "Kyle", "Walter",
      "Ethan", "Jeremy", "Harold", "Keith", "Christian", "Roger", "Noah", "Gerald", "Carl",
      "Terry", "Sean", "Austin", "Arthur", "Lawrence", "Jesse", "Dylan", "Bryan", "Joe",
      "Jordan", "Billy", "Bruce", "Albert", "Willie", "Gabriel", "Logan", "Alan", "Juan",
      "Wayne", "Roy", "Ralph", "Randy", "Eugene", "Vincent", "Russell", "Elijah", "Louis",
      "Bobby", "Philip", "Johnny", "Ken", "Tom", "Tim", "Jim", "Bill", "Bob", "Mike", "Dan",
      "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica",
      "Sarah", "Karen", "Nancy", "Lisa", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly",
      "Emily", "Donna", "Michelle", "Dorothy", "Carol", "Amanda", "Melissa", "Deborah",
      "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen", "Amy", "Shirley",
      "Angela", "Helen", "Anna", "Ann", "Anne", "Brenda", "Pamela", "Nicole", "Emma", "Samantha",
      "Katherine", "Christine", "Debra", "Rachel", "Catherine", "Carolyn", "Janet", "Ruth",
      "Maria", "Heather", "Diane", "Virginia", "Julie", "Joyce", "Victoria", "Olivia", "Kelly",
      "Christina", "Lauren", "Joan", "Evelyn", "Judith", "Megan", "Cheryl", "Andrea", "Hannah",
      "Martha", "Jacqueline", "Frances", "Gloria", "Ann", "Teresa", "Kathryn", "Sara", "Janice",
      "Jean", "Alice", "Madison", "Doris", "Abigail", "Julia", "Judy", "Grace", "Denise",
      "Amber", "Marilyn", "Beverly", "Danielle", "Theresa", "Sophia", "Marie", "Diana",
      "Brittany", "Natalie", "Isabella", "Charlotte", "Rose", "Alexis", "Kayla", "Cathy",
      "Susan", "Sandra", "Silvia", "Sylvia", "Fabrizio", "Giuseppe", "Giovanni", "Marco",
      "Luca", "Francesco", "Pierre", "Jean", "Jacques", "François", "Hans", "Klaus", "Jürgen",
      "Stefan", "Wolfgang", "Reinhard", "Ivan", "Dmitry", "Vladimir", "Sergei", "Olga",
      "Ahmed", "Mohammed", "Muhammad", "Ali", "Hassan", "Hussein", "Omar", "Fatima", "Aisha",
      "Amina", "Ibrahim", "Yusuf", "Mustafa", "Carlos", "Luis", "Jorge", "Miguel", "Pedro",
      "Luiz", "Ana", "Sofia", "Wei", "Li", "Hiroshi", "Yuki", "Raj", "Priya", "Arjun", "Kofi",
      "Elaine", "Lorraine", "Marisol", "Cathy", "Edward", "Sandra", "Ruth", "Cathy", "Ken",
  });
  return k_words.count(word) != 0;
}

bool is_calendar_word(std::string_view word) {
  static const WordSet k_words = make_set({
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon",
      "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "January", "February",
      "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
      "Dec", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
      "Sundays", "AM", "PM", "GMT", "UTC", "EST", "EDT", "PST", "PDT", "CST", "CDT", "BST",
      "CET", "CEST", "ET", "PT",
  });
  return k_words.count(word) != 0;
}

bool is_sentence_starter(std::string_view lower_word) {
  static const WordSet k_words = make_set({
      "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "our", "my",
      "its", "your", "in", "on", "at", "for", "from", "with", "by", "after", "before", "when",
      "while", "however", "but", "and", "or", "if", "as", "since", "although", "though",
      "despite", "during", "under", "over", "meanwhile", "earlier", "later", "today",
      "yesterday", "tomorrow", "tonight", "officials", "official", "police", "authorities",
      "witnesses", "residents", "firefighters", "rescuers", "investigators", "prosecutors",
      "it", "he", "she", "they", "we", "you", "there", "here", "what", "who", "why", "how",
      "where", "which", "one", "two", "three", "several", "many", "some", "most", "all", "both",
      "each", "every", "other", "another", "no", "not", "also", "still", "yet", "so", "thus",
      "then", "now", "once", "about", "according", "among", "between", "because", "instead",
      "following", "overall", "additionally", "furthermore", "moreover", "nevertheless",
      "nonetheless", "similarly", "likewise", "indeed", "finally", "first", "second", "third",
      "last", "next", "recently", "currently", "previously", "initially", "eventually",
      "thanks", "until", "unless", "whether", "within", "without", "through", "throughout",
      "against", "around", "near", "outside", "inside", "into", "onto", "upon", "across",
      "along", "amid", "amongst", "beyond", "toward", "towards", "to", "of", "up", "down",
      "such", "much", "more", "less", "few", "fewer", "only", "even", "just", "nearly",
      "almost", "approximately", "roughly", "voting", "survivors", "people", "passengers",
      "doctors", "workers", "students", "parents", "children", "families", "experts",
      "analysts", "critics", "supporters", "members", "leaders", "troops", "soldiers",
      "militants", "rebels", "protesters", "demonstrators", "victims", "relatives",
      "neighbors", "neighbours", "staff", "employees", "sources", "reports", "officers",
      "deputies", "troopers", "crews", "emergency", "local", "former", "current", "latest", "breaking", "update", "updated", "correction",
      "clarification", "editor's", "editor’s", "note", "please", "read", "see", "click",
      "photo", "video", "image", "caption", "official", "note:", "yes", "ok", "okay", "dear",
      "hi", "hello", "thank", "let", "do", "does", "did", "is", "are", "was", "were", "will",
      "would", "can", "could", "should", "may", "might", "must", "has", "have", "had",
  });
  return k_words.count(lower_word) != 0;
}

bool is_never_entity(std::string_view word) {
  static const WordSet k_words = make_set({
      "I", "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll", "Mr", "Mrs", "Ms", "OK",
      "TV", "ID", "PhD", "Ph.D.", "CEO", "CFO", "COO", "MP", "RIP", "ASAP", "FAQ", "DIY", "AKA",
      "BREAKING", "UPDATE", "UPDATED", "WATCH", "LIVE", "EXCLUSIVE", "CORRECTION", "NOTE",
      "URGENT", "ALERT", "VIDEO", "PHOTOS", "PHOTO", "READ", "MORE", "Jr", "Sr", "No", "Nos",
      "Ave", "St", "Co", "Inc", "Ltd", "Corp", "Vol", "Fig", "Ch", "Pt", "Sec", "Art", "Para",
      "Tel", "Fax", "Email", "Web", "Internet", "Online", "God", "Christmas", "Easter",
      // Nationality and group adjectives: not entities on their own.
      "American", "Americans", "British", "English", "French", "German", "Germans", "Italian",
      "Italians", "Spanish", "Portuguese", "Dutch", "Belgian", "Swiss", "Austrian", "Swedish",
      "Norwegian", "Danish", "Finnish", "Polish", "Czech", "Russian", "Russians", "Ukrainian",
      "Ukrainians", "Chinese", "Japanese", "Korean", "Indian", "Indians", "Pakistani",
      "Afghan", "Iranian", "Iranians", "Iraqi", "Iraqis", "Syrian", "Syrians", "Israeli",
      "Israelis", "Palestinian", "Palestinians", "Lebanese", "Egyptian", "Saudi", "Turkish",
      "Greek", "Canadian", "Canadians", "Mexican", "Mexicans", "Brazilian", "Argentine",
      "Colombian", "Venezuelan", "Cuban", "Australian", "Australians", "African", "Africans",
      "Nigerian", "Kenyan", "Ethiopian", "Somali", "Sudanese", "European", "Europeans",
      "Asian", "Asians", "Arab", "Arabs", "Arabic", "Latin", "Western", "Eastern", "Northern",
      "Southern", "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Jews", "Catholic",
      "Catholics", "Protestant", "Hindu", "Buddhist", "Sunni", "Shia", "Shiite", "Kurdish",
      "Kurds", "Tamil", "Sinhalese", "Burmese", "Thai", "Vietnamese", "Filipino", "Indonesian",
      "Malaysian", "Bahraini", "Bahrainis", "Kuwaiti", "Kuwaitis", "Qatari", "Emirati",
      "Yemeni", "Omani", "Jordanian", "Libyan", "Tunisian", "Moroccan", "Algerian", "Scottish",
      "Welsh", "Irish", "Scots", "Democrat", "Democrats", "Republican", "Republicans",
      "Democratic", "Conservative", "Conservatives", "Liberal", "Liberals", "Labour", "Tory",
      "Tories", "Communist", "Socialist", "Aboriginal", "Indigenous",
      // Acronyms that are not names.
      "HIV", "AIDS", "DNA", "GDP", "CPI", "COVID", "COVID-19", "SARS", "MERS", "PTSD", "ICU",
      "ER", "CT", "MRI", "AI", "IT", "PR", "HR", "VIP", "GPS", "SUV", "ATM", "PIN", "URL", "PDF",
      "LGBT", "LGBTQ", "LGBTQ+", "AM", "PM", "A.M.", "P.M.", "OK.", "II", "III", "IV",
  });
  return k_words.count(word) != 0;
}

bool is_name_connector(std::string_view word) {
  static const WordSet k_words = make_set({
      "of", "de", "van", "von", "der", "den", "da", "di", "del", "della", "du", "des", "la",
      "le", "bin", "ibn", "al", "el", "y", "dos", "das", "ter", "zu", "the", "for",
  });
  return k_words.count(word) != 0;
}

bool is_speech_verb(std::string_view lower_word) {
  static const WordSet k_words = make_set({
      "said", "says", "told", "tells", "stated", "states", "added", "adds", "asked", "asks",
      "wrote", "writes", "explained", "noted", "argued", "claimed", "claims", "denied",
      "denies", "insisted", "recalled", "testified", "announced", "confirmed", "tweeted",
      "replied", "responded", "warned", "urged", "acknowledged", "admitted",
  });
  return k_words.count(lower_word) != 0;
}

std::string_view state_abbreviation(std::string_view word) {
  static const FlatWordMap<std::string_view> k_states = {
      {"Ala", "Alabama"},      {"Ariz", "Arizona"},       {"Ark", "Arkansas"},
      {"Calif", "California"}, {"Colo", "Colorado"},      {"Conn", "Connecticut"},
      {"Del", "Delaware"},     {"Fla", "Florida"},        {"Ga", "Georgia"},
      {"Ill", "Illinois"},     {"Ind", "Indiana"},        {"Kan", "Kansas"},
      {"Kans", "Kansas"},      {"Ky", "Kentucky"},        {"La", "Louisiana"},
      {"Md", "Maryland"},      {"Mass", "Massachusetts"}, {"Mich", "Michigan"},
      {"Minn", "Minnesota"},   {"Miss", "Mississippi"},   {"Mo", "Missouri"},
      {"Mont", "Montana"},     {"Neb", "Nebraska"},       {"Nebr", "Nebraska"},
      {"Nev", "Nevada"},       {"N.H", "New Hampshire"},  {"N.J", "New Jersey"},
      {"N.M", "New Mexico"},   {"N.Y", "New York"},       {"N.C", "North Carolina"},
      {"N.D", "North Dakota"}, {"Okla", "Oklahoma"},      {"Ore", "Oregon"},
      {"Oreg", "Oregon"},      {"Pa", "Pennsylvania"},    {"R.I", "Rhode Island"},
      {"S.C", "South Carolina"}, {"S.D", "South Dakota"}, {"Tenn", "Tennessee"},
      {"Tex", "Texas"},        {"Vt", "Vermont"},         {"Va", "Virginia"},
      {"Wash", "Washington"},  {"W.Va", "West Virginia"}, {"Wis", "Wisconsin"},
      {"Wisc", "Wisconsin"},   {"Wyo", "Wyoming"},        {"D.C", "Washington, D.C."},
      {"N.H.", "New Hampshire"}, {"N.J.", "New Jersey"},  {"N.M.", "New Mexico"},
      {"N.Y.", "New York"},    {"N.C.", "North Carolina"}, {"N.D.", "North Dakota"},
      {"R.I.", "Rhode Island"}, {"S.C.", "South Carolina"}, {"S.D.", "South Dakota"},
      {"W.Va.", "West Virginia"}, {"D.C.", "Washington, D.C."},
  };
  const std::string_view* state = k_states.find(word);
  return state == nullptr ? std::string_view{} : *state;
}

bool is_known_place(std::string_view folded_name) {
  static const WordSet k_names = make_set({
      // Countries and territories.
      "afghanistan", "albania", "algeria", "argentina", "armenia", "australia", "austria",
      "azerbaijan", "bahrain", "bangladesh", "belarus", "belgium", "bolivia", "bosnia",
      "brazil", "bulgaria", "burma", "cambodia", "cameroon", "canada", "chad", "chile", "china",
      "colombia", "congo", "croatia", "cuba", "cyprus", "czechia", "denmark", "ecuador", "egypt",
      "england", "eritrea", "estonia", "ethiopia", "finland", "france", "gaza", "georgia",
      "germany", "ghana", "greece", "guatemala", "haiti", "honduras", "hungary", "iceland",
      "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy", "japan", "jordan",
      "kazakhstan", "kenya", "kosovo", "kuwait", "laos", "latvia", "lebanon", "libya",
      "lithuania", "luxembourg", "malaysia", "mali", "mexico", "moldova", "mongolia",
      "morocco", "mozambique", "myanmar", "nepal", "netherlands", "new zealand", "nicaragua",
      "niger", "nigeria", "north korea", "norway", "oman", "pakistan", "palestine", "panama",
      "paraguay", "peru", "philippines", "poland", "portugal", "qatar", "romania", "russia",
      "rwanda", "saudi arabia", "scotland", "senegal", "serbia", "singapore", "slovakia",
      "slovenia", "somalia", "south africa", "south korea", "south sudan", "spain",
      "sri lanka", "sudan", "sweden", "switzerland", "syria", "taiwan", "tajikistan",
      "tanzania", "thailand", "tunisia", "turkey", "türkiye", "uganda", "ukraine",
      "united arab emirates", "united kingdom", "united states", "uruguay", "uzbekistan",
      "venezuela", "vietnam", "wales", "west bank", "yemen", "zambia", "zimbabwe", "europe",
      "africa", "asia", "antarctica", "america", "north america", "south america",
      "latin america", "middle east", "the middle east", "great britain", "britain",
      // US states.
      "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
      "delaware", "florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
      "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
      "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire",
      "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
      "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota",
      "tennessee", "texas", "utah", "vermont", "virginia", "washington", "west virginia",
      "wisconsin", "wyoming",
      // Provinces and big cities.
      "british columbia", "ontario", "quebec", "alberta", "manitoba", "nova scotia",
      "london", "paris", "berlin", "vienna", "rome", "madrid", "moscow", "kyiv", "kiev",
      "beijing", "shanghai", "hong kong", "tokyo", "seoul", "delhi", "new delhi", "mumbai",
      "karachi", "lahore", "kabul", "tehran", "baghdad", "damascus", "beirut", "jerusalem",
      "tel aviv", "cairo", "riyadh", "dubai", "abu dhabi", "doha", "manama", "kuwait city",
      "istanbul", "ankara", "athens", "brussels", "amsterdam", "geneva", "zurich", "stockholm",
      "oslo", "copenhagen", "helsinki", "warsaw", "prague", "budapest", "lisbon", "dublin",
      "edinburgh", "toronto", "montreal", "vancouver", "ottawa", "chicago", "los angeles",
      "san francisco", "boston", "houston", "dallas", "miami", "atlanta", "seattle",
      "philadelphia", "detroit", "denver", "new orleans", "las vegas", "brasilia",
      "sao paulo", "são paulo", "rio de janeiro", "buenos aires", "mexico city", "bogota",
      "lima", "santiago", "caracas", "havana", "sydney", "melbourne", "nairobi", "lagos",
      "johannesburg", "cape town", "colombo", "jaffna", "yangon", "rangoon", "bangkok",
      "jakarta", "manila", "singapore", "hanoi", "taipei", "sderot", "prince rupert",
      "port hardy", "washington, d.c.", "gaza strip",
  });
  return k_names.count(folded_name) != 0;
}

bool is_known_org(std::string_view folded_name) {
  static const WordSet k_names = make_set({
      "reuters", "associated press", "bbc", "cnn", "al jazeera", "nato", "united nations",
      "european union", "red cross", "red crescent", "interpol", "amnesty international",
      "human rights watch", "petrobras", "google", "microsoft", "facebook", "meta",
      "twitter", "youtube", "wikipedia", "wikinews", "fomc", "white house", "pentagon",
      "kremlin", "downing street", "scotland yard", "congress", "senate", "parliament",
      "hamas", "hezbollah", "taliban", "fcdo", "gov.uk",
  });
  return k_names.count(folded_name) != 0;
}

bool is_place_acronym(std::string_view acronym) {
  static const WordSet k_words = make_set({
      "US", "USA", "UK", "UAE", "NYC", "DC", "LA", "PRC", "DRC", "GB", "NZ", "KSA", "ROK",
      "DPRK", "USSR",
  });
  return k_words.count(acronym) != 0;
}

std::string ascii_lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

} // namespace storydiff::extract::detail
