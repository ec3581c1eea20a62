"""The patterns extraction reads, kept as data a reader can extend.

Words with a meaning of their own (units, qualifiers, directions, states) live in
:mod:`islandchain.vocabulary`; this module holds only how sentences put them together:
abbreviations that do not end a sentence, words around a figure, and the relation
patterns that pair a figure with its two places.

Relation patterns are regular expressions over a *skeleton* of the sentence in which
every place mention is replaced by a token and every figure by another. In a pattern:

``{A}``
    the subject place (the one the figure is about),
``{B}``
    the reference place (the one the distance is measured from),
``{N}``
    the figure (with its qualifier, unit and any conversion),
``{DIR}``
    a direction word ("north-east", "NNE", 北東, 东北),
``{GAP}``
    a few words that hold no place and no figure (at most 60 characters);
    ``{GAPJ}`` the same in Japanese or Chinese (at most 12 characters, no comma),
    ``{GAPC}`` with commas allowed (at most 16),
``{FILLB}``
    the words allowed between a relation word and its place ("off *the east coast of*
    Taiwan", "from *the Chinese city of* Xiamen"): :data:`FILL_B`,
``{TAIL}``
    what may follow a place in a pair ("Taiwan*'s main island* and ..."): :data:`TAIL`.

Patterns are tried in order; the first that matches a figure decides its places.
Add a line to extend them, e.g. ``("en", r"{N} as the crow flies from {B}")``.

>>> len(RELATIONS) > 30
True
"""

from __future__ import annotations

#: Abbreviations after which a full stop does not end a sentence (case-insensitive).
ABBREVIATIONS: tuple[str, ...] = (
    "sq", "pop", "c", "ca", "cf", "approx", "appr", "est", "no", "nos", "nr", "vol", "fig",
    "incl", "vs", "e.g", "i.e", "u.s", "u.k", "u.n", "p.r.c", "r.o.c", "mt", "st", "ft", "pt",
    "is", "isl", "jr", "sr", "dr", "mr", "mrs", "ms", "prof", "gen", "adm", "lt", "col", "capt",
    "gov", "sen", "rep", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "naut", "n.mi", "k.m",
)  # fmt: skip

#: Words that start a new sentence after an initialism such as "U.S.".
SENTENCE_STARTERS: frozenset[str] = frozenset(
    "The It In This That These Those A An But And However Its They He She We On At From By "
    "For Yet So Some Many Most Both Each Japan China Taiwan Beijing Tokyo Taipei".split()
)

#: Number words read by text2num (English); "a" before "hundred"/"thousand" means one.
NUMBER_WORDS: tuple[str, ...] = tuple(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand".split()
)

#: Characters of Chinese and Japanese numerals, read by cn2an.
CJK_NUMERALS = "〇零一二三四五六七八九十百千万萬两兩点點"

#: Before a unit, these make a figure an area ("8 sq mi", "36 square kilometres", 平方公里).
AREA_BEFORE_UNIT = r"(?:sq\.?|square|平方)"
#: After a unit, these make it an area ("km2", "km²" reads "km2" after NFKC).
AREA_AFTER_UNIT = r"(?:2|\^2|²)(?![\d])"
#: After a unit, these make it a speed.
SPEED_AFTER_UNIT = r"(?:/h\b|/hr\b|\s*per\s+hour|ph\b|/時|每小时|每小時)"
#: Units of area written as words, for the skipped-figures report.
AREA_UNITS = r"(?:hectares?|acres?|ha)\b"

#: Between a figure and a second, conversion figure: "110 km (68 miles)", "110 km, or 68 mi,".
CONVERSION_OPENERS = (
    r"\s*\(\s*(?:or\s+|about\s+|some\s+|roughly\s+|approximately\s+|approx\.?\s*|c\.\s*|"
    r"ca\.\s*|around\s+|nearly\s+|almost\s+|~\s*|≈\s*|約|约)?"
)
CONVERSION_COMMA = r"(?:\s*,\s*or\s+(?:about\s+|some\s+|roughly\s+)?|\s*/\s*|\s+or\s+)"

#: Joining the two ends of a range: "40-60 km", "40 to 60 km", "40〜60キロ", "40至60公里".
RANGE_JOINERS = r"(?:\s*-\s*|\s*~\s*|\s+to\s+|\s+or\s+|\s*から\s*|\s*至\s*|\s*到\s*|\s*－\s*)"

#: Qualifiers written after the figure (English), with their meaning in the vocabulary.
QUALIFIERS_AFTER: dict[str, str] = {
    "or so": "about",
    "or more": "more than",
    "odd": "more than",
    "plus": "more than",
    "+": "more than",
    "or less": "less than",
}

#: After a figure and its unit: the figure is a width or a length, not a distance.
WIDTH_AFTER = (
    r"^(?:-|\s)?(?:wide|across(?!\s+(?:the|a|an|from|to)\b)|in\s+width|broad)\b"
    r"|^\s*(?:\([^()]{0,30}\)\s*)?at\s+its\s+(?:widest|narrowest|broadest)\b"
    r"|^(?:-|\s)(?:waterway|strait|channel|passage)\b"
    r"|^\s*\)?\s*(?:wide|across(?!\s+(?:the|a|an|from|to)\b))\b"
)
LENGTH_AFTER = r"^(?:-|\s)?(?:long|in\s+length)\b"
#: Before a figure: the figure is the extent of something ("stretch for 400 km").
LENGTH_BEFORE = (
    r"(?:stretch(?:es|ed|ing)?|extend(?:s|ed|ing)?|run(?:s|ning)?|span(?:s|ning)?)\s+"
    r"(?:for\s+)?(?:some\s+|about\s+|around\s+|roughly\s+|nearly\s+|over\s+)?$"
)
WIDTH_BEFORE = (
    r"(?:width|breadth|幅|宽|寬|宽度|寬度|最窄处|最窄處|最狭部|最も狭い(?:所|ところ|部分)(?:で)?)"
    r"\s*(?:of|is|was|:|は|で|为|為|約|约|仅|僅|只有)?\s*$"
)

#: Words that join a Latin place name to what follows and make it something else
#: ("Taiwan Strait", "Okinawa Prefecture", "Japan Coast Guard"): a capitalised word right
#: after a name makes the name part of a longer proper noun, unless it is one of these.
NAME_CONTINUATIONS: frozenset[str] = frozenset(
    "island islands islet islets isles isle group port harbour harbor city town cape point "
    "shima jima dao yu".split()
)
#: Suffixes after a CJK name that make it a different feature (台湾海峡 is the strait).
CJK_BLOCKING_SUFFIXES: tuple[str, ...] = (
    "海峡", "海峽", "水道", "県", "縣", "县", "省", "空港", "机场", "機場", "海域", "人",
    "政府", "当局", "當局", "軍", "军", "側", "问题", "問題", "海警", "有事",
)  # fmt: skip
#: Lower-case words after a Latin name that make it part of something else
#: ("Chinese coast guard", "the Taiwan strait").
NAME_BLOCKING_NEXT = frozenset("guard guards strait straits channel sea".split())
#: Words after a place that make it the speaker, not the subject ("Taiwan said ...").
SPEECH_VERBS = (
    r"(?:said|says|say|has\s+said|had\s+said|reported|reports|announced|announces|claims|"
    r"claimed|warned|warns|accused|accuses|stated|states|told|tells|noted|notes|protested|"
    r"plans|planned|wants|urged|urges|(?:has|have|had|will|would|could|may)\s+(?:said|warned|"
    r"claimed|announced|reported|protested|accused|plans?|planned|deploy(?:ed)?|send|sent))"
)
#: Lower-case words after a place that make it an attribute of something else, not the
#: subject ("Taiwan officials said", "Yonaguni residents", "China's aircraft carrier").
ATTRIBUTIVE_NEXT = (
    r"(?:officials?|residents?|government|military|forces|navy|naval|army|air\s+force|ships?|"
    r"vessels?|aircraft|carriers?|troops|coast\s+guard|authorities|governor|mayor|people|"
    r"media|fishermen|fishing|leaders?|president|ministry|minister|spokesman|spokeswoman|"
    r"drones?|jets?|fighters?|bombers?|missiles?|warships?|destroyers?|frigates?|submarines?|"
    r"exercises?|drills?|patrols?|boats?|ferry|ferries|flights?|airlines?|companies|firms?)\b"
)
#: After a possessive, words that keep the place the subject ("Taiwan's east coast lies").
POSSESSIVE_PLACE = (
    r"(?:(?:main|southern|northern|eastern|western|east|west|north|south|outlying|offshore|"
    r"nearest|closest|largest|smallest|westernmost|easternmost|southernmost|northernmost|"
    r"remote|tiny|small|big|biggest|main|frontline|front-line|inhabited|uninhabited)\s+){0,3}"
    r"(?:coast|coastline|shore|shores|island|islands|islet|islets|tip|end|mainland|territory|"
    r"port|city|capital|county|province|cape|point|outpost|outposts|archipelago|atoll)\b"
)
#: Unknown names that are waters, never the other end of a distance.
WATERS = r"(?:Strait|Straits|Sea|Channel|Passage|Ocean|Bay|Gulf|Trough|Gap|Basin)$"
#: After a Japanese or Chinese name, words that make it an attribute ("日本防卫省", "中国军舰").
CJK_ATTRIBUTIVE_NEXT = (
    r"^(?:防衛省|防卫省|国防部|國防部|外交部|外務省|政府|当局|當局|軍|军|海警|海軍|海军|空軍|空军|"
    r"艦|舰|船|機|机|官|首相|総統|总统|總統|媒体|媒體|漁|渔|民|人|側|侧)"
)
#: After a Japanese or Chinese name, the particles that let it be the subject.
CJK_SUBJECT_NEXT = (
    r"^(?:は|が|も|、|，|,|距|离|離|位|在|与|與|和|跟|同|と|から|到|至|及|为|為|是|相|\s|$|（|\(|"
    r"[东西南北東]{1,2}(?:方)?(?:距|离|離))"
)
#: Before a figure, a place this pattern points at is the subject
#: ("Kadena Air Base, located about 600 km from ...").
SUBJECT_BEFORE = (
    r"(?P<A>{M})\s*,\s*(?:(?:which\s+(?:is|lies|sits)|located|situated|lying|sitting|"
    r"positioned|set)\s+)?(?:(?:just|only|some|about|roughly|around|approximately)\s+)?$"
)
#: After a figure, a place this pattern points at is the subject ("…の位置に石垣島がある",
#: "Some 110 km east of Taiwan lies Yonaguni").
SUBJECT_AFTER: tuple[str, ...] = (
    r"^(?:的|外的|離れた|はなれた)(?P<A>{M})(?![中内內上里裡]|附近|海域|周辺|沖)",
    r"^(?:{DIR}(?:方向|方|側)?)?(?:の|的|外的|以外的|离开的|離れた|はなれた|離れている|の距離にある|"
    r"に位置する|にある)(?P<A>{M})",
    r"^[^。.;；]{0,14}?(?:に|には)(?P<A>{M})(?:が|は)(?:ある|あります|位置|存在)",
    r"^[^。.;；，,]{0,14}?(?:处|處)(?:有|是)(?P<A>{M})",
)
#: Adjectival uses after a hyphen ("Japan-administered", "China-claimed").
ADJECTIVAL_SUFFIX = r"^-[a-z]"

#: Descriptions that name a gazetteer feature ("the Chinese mainland"); id -> phrases.
#: Ids that are not in the gazetteer are ignored.
DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "chinese_mainland": (
        "the Chinese mainland", "Chinese mainland", "mainland China", "China's mainland",
        "the mainland", "the Chinese coast", "China's coast", "the coast of China",
        "the coast of mainland China", "the mainland coast", "the Fujian coast", "Fujian",
        "Fujian province", "Fujian Province", "Zhejiang", "Zhejiang province",
        "Zhejiang Province", "中国大陆", "中國大陸", "大陆", "大陸", "中国本土", "中国大陸",
        "福建", "福建省", "浙江", "浙江省", "福建沿岸", "大陆沿海",
    ),
    "roc_territory": (
        "the nearest Taiwanese island", "the nearest Taiwan-controlled island",
        "Taiwanese territory", "Taiwan-controlled territory", "Taiwan-administered territory",
        "the nearest Taiwanese territory",
    ),
    "china": ("Chinese territory", "Chinese soil", "PRC territory"),
    "japan": ("the nearest Japanese island", "Japanese territory", "日本の領土"),
}  # fmt: skip

#: Words that refer back to a place named before ("it", "the island", 同島).
ANAPHORS: tuple[str, ...] = (
    "it", "the island", "the islands", "the islet", "the islets", "the island group",
    "its", "the archipelago", "the group", "the chain", "the base", "the port", "the cape",
    "the city", "the town", "the territory", "this island", "these islands", "the atoll",
    "同島", "同諸島", "同列島", "同港", "同基地", "この島", "該島", "该岛", "该群岛", "該群島",
    "该列岛", "此岛", "此島", "它", "其",
)  # fmt: skip
#: A noun phrase that refers back to the place the text is about, whatever its adjectives:
#: "this small island", "the group of islands", "the remote outpost", "the shoal". Followed
#: by "of" it names a place instead ("the island of Yonaguni") and is not read as one.
REFERRING_PHRASE = (
    r"(?<![\w])(?:the|this|that|these|those)\s+(?:(?!of\b|and\b)[a-z][a-z-]*\s+){0,2}?"
    r"(?:island\s+group|group\s+of\s+(?:islands|islets)|island|islands|islet|islets|isle|"
    r"archipelago|atoll|shoal|reef|outpost|chain|group)(?![\w])"
)
#: Endings that make a place's name an adjective or a demonym ("Okinawan", "Taiwanese").
DEMONYM_SUFFIXES: tuple[str, ...] = ("ese", "ian", "ean", "an", "n", "ish", "i", "ic")

#: A part of a place written before its name ("the southern tip of", "the northernmost point
#: of the main island of") or after it ("Taiwan's southern tip"): the cape at that end.
PART_BEFORE = (
    r"(?:the\s+)?(?P<dir>north|south|east|west)(?:ern|ernmost|most)?\s+(?:tip|point|end|"
    r"extremity|cape)\s+of\s+(?:the\s+)?(?:main\s+island\s+of\s+)?$"
)
#: A part of a place between a direction and the place ("east of *the southern tip of*
#: Taiwan"): read only where it names the cape at that end (see PART_BEFORE); "south of
#: the eastern coast of Taiwan" is not a statement about Taiwan as a whole.
PART_OF = (
    r"(?:the\s+)?(?:north|south|east|west)(?:ern|ernmost|most)?\s+"
    r"(?:tip|point|end|extremity|cape)\s+of\s+"
)
PART_AFTER = (
    r"^'s?\s+(?:main\s+island's\s+)?(?P<dir>north|south|east|west)(?:ern|ernmost|most)?\s+"
    r"(?:tip|point|end|extremity|cape)\b"
)

#: Words that refer to the two places named before ("the two islands", 両島, 两岛).
PAIR_ANAPHORS: tuple[str, ...] = (
    "the two islands", "both islands", "the two", "the pair", "両島", "两岛", "兩島",
    "両者", "两地", "兩地",
)  # fmt: skip

#: A sentence opening with one of these is a fronted phrase ("Located 600 km from
#: Taiwan, the base ..."): its subject follows the comma that closes the phrase.
FRONTED: tuple[str, ...] = (
    "located", "situated", "lying", "sitting", "positioned", "perched", "set", "only",
    "just", "at", "some", "about", "roughly", "barely", "a mere", "less than", "more than",
    "nearly", "around",
)  # fmt: skip

#: Words before a place that keep it out of the subject role ("in Okinawa", "of Japan").
PREPOSITIONS = (
    r"(?:in|of|near|off|from|to|at|by|with|against|toward|towards|between|than|beyond|"
    r"around|across|within|outside|inside|into|onto|over|under|via|like|and|or|nor)"
)
#: Words between "the ... of" and a place that make it the head ("the island of Yonaguni").
HEAD_OF = (
    r"\bthe\s+(?:[a-z]+\s+){0,2}(?:island|islands|islet|city|port|town|capital|archipelago|group|"
    r"cape|tip)\s+of\s*$"
)
#: Words that say a list of places and a list of figures go together in order.
RESPECTIVELY = r"(?:\brespectively\b|それぞれ|分别|分別|各自)"
#: Joining places in a list ("A, B and C", "AとB", "A和B", "A、B").
LIST_JOINERS = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|と|和|及|與|与|、|，)"
#: The joiner before the last place of a list: a list needs one ("A, B" is an apposition).
LIST_LAST = r"(?:\s*,?\s+and\s+|\s*,?\s+or\s+|と|和|及|與|与|、)"

#: Words before a name that make it a ship's name ("the carrier Liaoning").
VESSEL_BEFORE = (
    r"(?:carrier|destroyer|ship|vessel|frigate|cruiser|submarine|warship|corvette|cutter|"
    r"tanker|freighter|ferry)\s+$"
)
#: Verbs that make a preceding unknown capitalised phrase a place ("Tokyo lies 2,000 km").
LOCATIVE_VERBS = (
    r"(?:lies|lie|lay|is|are|was|were|sits|sit|stands|stand|located|situated|rests|"
    r"'s|has been|would be|remains)"
)

#: Clause boundaries: the subject of a figure is looked for after the last of these.
CLAUSE_BREAKS = (
    r"[;:]|\s—\s|,\s*(?:(?:while|whereas|but|although|though)\b|and\s+(?=(?:\S+\s+){1,3}"
    r"(?:is|lies|are|sits|was|lie|sit)\b))|\bwhile\b|\bwhereas\b|；|が、"
    r"|、(?=[^、]{0,6}[はが])|，(?=[^，]{0,8}(?:距|离|離|位|在))"
)

_EN_REL = (
    r"(?:of|from|off|to|toward|towards|away\s+from|offshore\s+from|out\s+from|distant\s+from|"
    r"across\s+(?:the\s+(?:water|sea|strait)\s+)?from|beyond|short\s+of|off\s+of)"
)
#: Words allowed between a relation word and its place ("off the east coast of Taiwan").
_EN_FILL = (
    r"(?:\s+(?:the|a|an|its|their|of|island|islands|islet|islets|city|port|town|county|coast|"
    r"chinese|japanese|taiwanese|philippine|filipino|okinawan|malaysian|indonesian|prc|"
    r"coasts|coastline|shore|shores|shoreline|tip|end|point|edge|nearest|closest|main|"
    r"mainland|capital|harbou?r|part|side|cape|southern|northern|eastern|western|"
    r"north-eastern|north-western|south-eastern|south-western|northeastern|northwestern|"
    r"southeastern|southwestern|southernmost|northernmost|easternmost|westernmost|"
    r"[a-zA-Z]+-(?:administered|controlled|held|claimed|governed|run|owned|occupied))"
    r"|\s+the\s+[a-z]+(?:\s+[a-z]+)?\s+of)*\s+"
)

#: Relation patterns: (language, pattern, roles). Roles are read from the named groups
#: A, B, N, DIR; see the module docstring. "en" patterns are tried case-insensitively.
RELATIONS: tuple[tuple[str, str], ...] = (
    # --- both places around the figure: pairs ---------------------------------------
    ("en", r"distance\s+between{FILLB}{A}{TAIL}\s+and{FILLB}{B}{TAIL}{GAPL}{N}"),
    ("en", r"(?<!halfway\s)(?<!midway\s)between{FILLB}{A}{TAIL}\s+and{FILLB}{B}{TAIL}{GAP}{N}"),
    ("en", r"{N}{GAP}(?<!halfway\s)(?<!midway\s)between{FILLB}{A}{TAIL}\s+and{FILLB}{B}{TAIL}"),
    ("en", r"from\s+{B}\s+to\s+{A}\s*,\s*{N}\s+(?:to\s+the\s+|due\s+)?{DIR}"),
    ("en", r"from\s+{A}\s+to\s+{B}{GAP}{N}"),
    ("en", r"distance\s+to\s+{A}\s+from\s+{B}{GAP}{N}"),
    ("en", r"{A}\s+to\s+{B}\s+(?:is|are|was|takes\s+you|covers)\s+{N}"),
    ("en", r"\bwith\s+{A}\s+{N}\s+(?:away\s*)?(?:(?:to\s+the\s+)?{DIR})?\s*,\s*{B}"),
    ("en", r"{N}{GAP}from\s+{A}\s+to\s+{B}"),
    ("en", r"{A}{TAIL}\s+and\s+(?:the\s+)?{B}{TAIL}{GAP}{N}\s+(?:apart|away\s+from\s+each\s+other|"
           r"from\s+each\s+other)"),
    ("en", r"{A}\s+and\s+{B}\s+(?:are|lie|sit|were|stand)\s+separated\s+by{GAP}{N}"),
    ("en", r"{N}{GAP}separat\w*\s+{A}{TAIL}\s+(?:from|and){FILLB}{B}"),
    ("en", r"{A}\s+(?:is|lies|was|are|sits)\s+(?:\w+\s+)?separated\s+from\s+{B}\s+by{GAP}{N}"),
    ("en", r"separated\s+from{FILLB}{B}\s+by{GAP}{N}"),
    ("en", r"separat\w*\s+{A}\s+(?:from|and)\s+{B}{GAP}{N}"),
    ("en", r"{A}\s+and\s+{B}\s+are\s+separated\s+by{GAP}{N}"),
    ("en", r"distance\s+(?:of\s+)?{N}\s+(?:from|between)\s+{A}\s+(?:to|and)\s+{B}"),
    # --- the reference after the figure ----------------------------------------------
    ("en", r"{N}\s*(?:,\s*)?(?:due\s+)?{DIR}(?:ward)?\s+(?:of|from){FILLB}{B}"),
    ("en", r"{N}\s+(?:to\s+the\s+|due\s+)?{DIR}\s+of{FILLB}{B}"),
    ("en", r"{N}\s+(?:away\s+)?off\s+(?:the\s+)?{DIR}(?:ern)?\s+(?:coast|shore|tip)\s+of"
           r"{FILLB}{B}"),
    ("en", r"{N}\s+(?:away\s+)?off\s+{B}(?:'s?)?\s+{DIR}(?:ern)?\s+(?:coast|shore|tip)"),
    ("en", r"{N}\s+(?:away\s+)?from\s+(?:the\s+)?{DIR}(?:ern)?\s+(?:coast|shore|tip)\s+of"
           r"{FILLB}{B}"),
    ("en", r"{N}\s+(?:away\s+)?from\s+{B}(?:'s?)?\s+{DIR}(?:ern)?\s+(?:coast|shore|tip)"),
    ("en", r"{N}(?:\s+(?:away|as\s+the\s+crow\s+flies|in\s+a\s+straight\s+line|by\s+sea|"
           r"by\s+air|further|farther|closer))?\s+" + _EN_REL + r"{FILLB}{B}"),
    ("en", r"{N}\s+(?:{DIR}\s+)?(?:away|distant|off)\s*,?\s+(?:from|of)?{FILLB}{B}"),
    # the reference in brackets or before: "closer to Taiwan (111 km)", "From A, ... N away"
    ("en", r"{B}{TAIL}\s*\(\s*{N}\s*(?:away)?\s*\)"),
    ("en", r"\bfrom\s+{B}\s*,\s*{A}{GAP}{N}\s+(?:away|distant|off)"),
    ("en", r"\bfrom\s+{B}\s*,\s*(?:only\s+|just\s+|some\s+|about\s+)?{N}(?!\s+(?:from|of|off)\b)"),
    ("en", r"{DIR}\s+of\s+{B}\s*(?:,|—|-)?\s*(?:some\s+|about\s+|at\s+|just\s+)?{N}"
           r"\s*(?:away|off|distant)?"),
    # --- Japanese ---------------------------------------------------------------------
    ("ja", r"{A}と{B}(?:の間|との間)?の?(?:最短|直線|最短直線)?距離(?:は|が)?{GAPJ}{N}"),
    ("ja", r"{A}と{B}(?:は|が|の間は|の間には|の間に|間は){GAPJ}{N}"),
    ("ja", r"{A}から{B}まで(?:の距離)?(?:は|が)?{GAPJ}{N}"),
    ("ja", r"{B}(?:の|から)(?:{DIR}(?:方向|方|側)?)(?:に|へ)?{GAPJ}{N}"),
    ("ja", r"{B}(?:から|より)(?:{DIR}(?:方向|方|側)?(?:に|へ)?)?{GAPJ}{N}"),
    ("ja", r"{B}まで(?:の距離は|は)?{GAPJ}{N}"),
    # --- Chinese ----------------------------------------------------------------------
    ("zh", r"{A}(?:与|與|和|跟|同|及){B}(?:之间|之間)?的?(?:距离|距離|相距|相隔|间距|間距)"
           r"(?:为|為|是|有|约|約)?{GAPJ}{N}"),
    ("zh", r"{A}(?:与|與|和|跟|同|及){B}(?:相距|相隔|距离|距離){GAPJ}{N}"),
    ("zh", r"(?:从|從|由){A}(?:到|至){B}(?:的距离|的距離)?(?:为|為|是|有)?{GAPC}{N}"),
    ("zh", r"(?:距离?|離|离|距離|与|與|在|位于|位於|位在){B}(?:的)?(?:以)?{DIR}"
           r"(?:方|边|邊|面|部|侧|側)?(?:约|約|大约|大約)?{GAPJ}{N}"),
    ("zh", r"{DIR}(?:方)?(?:距离?|離|离|距離){B}"
           r"(?:仅|僅|只有|约|約|大约|大約|不到|超过|超過)?{GAPJ}{N}"),
    ("zh", r"(?:距离?|離|离|距離|与|與|和|跟){B}"
           r"(?:仅|僅|只有|约|約|大约|大約|不到|超过|超過)?{GAPJ}{N}"),
    ("zh", r"{B}(?:的)?(?:以)?{DIR}(?:方|边|邊|面|部|侧|側)?{GAPJ}{N}"),
)  # fmt: skip
#: The filler allowed between a relation word and its place.
FILL_B = _EN_FILL
#: What may follow a place in a pair ("Taiwan's main island and ...", "Taiwan (north) and",
#: "Luzon, Philippines", "Taiwan in China and Luzon in the Philippines").
TAIL = (
    r"(?:'s?(?:\s+(?:main|southern|northern|eastern|western|east|west|north|south|nearest|"
    r"closest))*\s+(?:island|islands|coast|coastline|mainland|tip|shore|point|end))?"
    r"(?:\s*\([^()]{0,30}\))?(?:\s*,\s*{M}(?:\s*\([^()]{0,30}\))?(?=\s+and\b|\s*[,.;]|$))?"
    r"(?:\s+in\s+(?:the\s+)?{M})?"
)
