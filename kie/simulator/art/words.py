"""The word lists the pictures listen to: names of subjects (synonyms, plurals, phrases), settings, weather,
times of day, colours, what people do with things, and the words that name no thing (for `vocab.not_drawn`)."""

from __future__ import annotations

import re

from kie.simulator.art.drawings.home import SEATS
from kie.simulator.art.pen import RGB

TRIGGERS = re.compile(r"\[[^\]]*\]")  # the simulator's own [commands] in a prompt are no words of the picture
MAX_UNITS = 3  # a picture draws at most three groups side by side, each visible

SYNONYMS: dict[str, str] = {
    # animals
    "kitten": "cat", "kitty": "cat", "puppy": "dog", "doggy": "dog", "hound": "dog", "retriever": "dog",
    "labrador": "dog", "poodle": "dog", "corgi": "dog", "vixen": "fox", "pony": "horse", "stallion": "horse",
    "mare": "horse", "foal": "horse", "bunny": "rabbit", "hare": "rabbit", "cub": "bear", "grizzly": "bear",
    "stag": "deer", "fawn": "deer", "reindeer": "deer", "moose": "deer", "elk": "deer", "calf": "cow",
    "cattle": "cow", "bull": "cow", "ox": "cow", "lamb": "sheep", "ram": "sheep", "piglet": "pig", "hog": "pig",
    "lioness": "lion", "cheetah": "leopard", "jaguar": "leopard", "panther": "leopard", "ape": "gorilla",
    "chimpanzee": "monkey", "chimp": "monkey", "alligator": "crocodile", "croc": "crocodile",
    "hippopotamus": "hippo", "rhinoceros": "rhino", "hen": "chicken", "rooster": "chicken", "cockerel": "chicken",
    "chickens": "chicken", "duckling": "duck", "rat": "mouse", "hamster": "mouse", "toad": "frog",
    "sparrow": "bird", "robin": "bird", "seagull": "bird", "gull": "bird", "eagle": "bird", "swallow": "bird",
    "pigeon": "bird", "dove": "bird", "crow": "bird", "hawk": "bird", "hummingbird": "bird", "macaw": "parrot",
    "cockatoo": "parrot", "budgie": "parrot", "goldfish": "fish", "salmon": "fish", "trout": "fish",
    "orca": "whale", "goose": "duck", "tortoise": "turtle", "moth": "butterfly", "bumblebee": "bee",
    "ladybird": "ladybug", "python": "snake", "cobra": "snake", "lizard": "snake", "squid": "octopus",
    "lobster": "crab", "walrus": "seal", "sealion": "seal", "dino": "dinosaur", "trex": "dinosaur",
    "pegasus": "unicorn",
    # people
    "human": "person", "someone": "person", "figure": "person", "silhouette": "person", "adult": "person",
    "guy": "man", "gentleman": "man", "husband": "man", "boyfriend": "man", "lady": "woman", "wife": "woman",
    "girlfriend": "woman", "kid": "child", "toddler": "child", "infant": "baby", "newborn": "baby",
    "teen": "teenager", "grandma": "grandmother", "granny": "grandmother", "grandpa": "grandfather",
    "grandad": "grandfather", "granddad": "grandfather", "cook": "chef", "baker": "chef", "physician": "doctor",
    "policeman": "police", "policewoman": "police", "cop": "police", "officer": "police",
    "fireman": "firefighter", "spaceman": "astronaut", "cosmonaut": "astronaut", "prince": "king",
    "emperor": "king", "empress": "queen", "pupil": "student", "schoolgirl": "student", "schoolboy": "student",
    "professor": "teacher", "businesswoman": "businessman", "builder": "worker", "engineer": "worker",
    "mechanic": "worker", "plumber": "worker", "chemist": "scientist", "researcher": "scientist",
    "waitress": "waiter", "barista": "waiter", "jogger": "runner", "athlete": "runner", "biker": "cyclist",
    "snowboarder": "skier", "backpacker": "hiker", "traveler": "tourist", "traveller": "tourist",
    "painter": "artist", "guitarist": "musician", "singer": "musician", "violinist": "musician",
    "pianist": "musician", "drummer": "musician", "ballerina": "dancer", "angler": "fisherman",
    "fisher": "fisherman", "sailor": "fisherman", "mom": "mother", "mum": "mother", "mommy": "mother",
    "mummy": "mother", "dad": "father", "daddy": "father", "papa": "father", "mermaid": "princess",
    "lovers": "couple", "people": "crowd", "friends": "crowd", "children": "crowd", "kids": "crowd",
    "tourists": "crowd", "audience": "crowd", "team": "crowd", "men": "crowd", "women": "crowd",
    "android": "robot", "cyborg": "robot",
    # buildings and places
    "home": "house", "cottage": "house", "cabin": "house", "hut": "house", "villa": "house", "bungalow": "house",
    "palace": "castle", "fortress": "castle", "fort": "castle", "turret": "tower", "barnyard": "barn",
    "farmhouse": "barn", "highrise": "skyscraper", "mill": "windmill", "camp": "tent", "campsite": "tent",
    "chapel": "church", "cathedral": "church", "temple": "church", "mosque": "church", "store": "shop",
    "bakery": "shop", "boutique": "shop", "market": "shop", "streetlight": "streetlamp", "lamppost": "streetlamp",
    "postbox": "mailbox",
    # vehicles
    "automobile": "car", "jeep": "car", "suv": "car", "cab": "taxi", "coach": "bus", "lorry": "truck",
    "van": "truck", "bike": "bicycle", "cycle": "bicycle", "motorcycle": "motorbike", "moped": "motorbike",
    "vespa": "motorbike", "sailboat": "boat", "yacht": "boat", "canoe": "boat", "kayak": "boat",
    "rowboat": "boat", "sailing": "boat", "steamer": "ship", "liner": "ship", "ferry": "ship", "cruise": "ship",
    "freighter": "ship", "locomotive": "train", "tram": "train", "railway": "train", "subway": "train",
    "airplane": "plane", "aeroplane": "plane", "jet": "plane", "aircraft": "plane", "airliner": "plane",
    "spaceship": "rocket", "spacecraft": "rocket", "chopper": "helicopter", "skate": "skateboard",
    "snowboard": "skis", "sledge": "sled", "toboggan": "sled", "pram": "stroller", "buggy": "stroller",
    "firetruck": "firetruck", "fireengine": "firetruck",
    # plants
    "oak": "tree", "maple": "tree", "birch": "tree", "willow": "tree", "fir": "pine", "spruce": "pine",
    "conifer": "pine", "christmas": "pine", "coconut": "palm", "blossom": "flower", "daisy": "flower",
    "lily": "flower", "orchid": "flower", "poppy": "flower", "lavender": "flower", "peony": "flower",
    "bouquet": "vase", "cacti": "cactus", "succulent": "cactus", "toadstool": "mushroom", "fungi": "mushroom",
    "shrub": "bush", "hedge": "bush", "twig": "branch", "plant": "houseplant", "pothos": "houseplant",
    "fern": "houseplant", "bonsai": "houseplant", "flowers": "flowerbed",
    # food
    "cherry": "cherry", "tangerine": "orange", "mandarin": "orange", "clementine": "orange", "lime": "lemon",
    "nectarine": "peach", "apricot": "peach", "plantain": "banana", "berry": "strawberry",
    "raspberry": "strawberry", "blueberry": "grapes", "grape": "grapes", "melon": "watermelon",
    "birthday": "cake", "cheesecake": "cake", "gateau": "cake", "dessert": "cake", "brownie": "chocolate",
    "tart": "pie", "biscuit": "cookie", "cracker": "cookie", "doughnut": "donut", "bagel": "donut",
    "pastry": "croissant", "loaf": "bread", "toast": "bread", "bun": "bread", "sub": "sandwich",
    "hamburger": "burger", "cheeseburger": "burger", "sausage": "hotdog", "burrito": "taco", "fry": "fries",
    "chips": "fries", "pancake": "pancakes", "crepe": "pancakes", "omelette": "egg", "omelet": "egg",
    "eggs": "egg", "noodles": "ramen", "noodle": "ramen", "pho": "ramen", "udon": "ramen", "stew": "soup",
    "broth": "soup", "curry": "soup", "spaghetti": "pasta", "lasagna": "pasta", "macaroni": "pasta",
    "risotto": "rice", "porridge": "cereal", "oatmeal": "cereal", "granola": "cereal", "yogurt": "cereal",
    "maki": "sushi", "sashimi": "sushi", "gyoza": "dumplings", "dumpling": "dumplings", "dimsum": "dumplings",
    "meat": "steak", "beef": "steak", "vegetables": "broccoli", "vegetable": "broccoli", "veggies": "broccoli",
    "cucumber": "corn", "potato": "pumpkin", "squash": "pumpkin", "gelato": "icecream", "sundae": "icecream",
    "cone": "icecream", "espresso": "coffee", "latte": "coffee", "cappuccino": "coffee", "americano": "coffee",
    "mug": "coffee", "cup": "coffee", "tea": "teacup", "matcha": "teacup", "chocolate": "chocolate",
    "lemonade": "lemonade", "smoothie": "juice", "milkshake": "milk", "soda": "juice",
    "cola": "juice", "cocktail": "juice", "champagne": "wine", "ale": "beer", "lager": "beer",
    # tableware and objects
    "dish": "plate", "saucer": "plate", "tray": "board", "skillet": "pan", "wok": "pan", "saucepan": "pot",
    "cauldron": "pot", "casserole": "pot", "teakettle": "kettle", "hamper": "basket", "bento": "lunchbox",
    "notebook": "notebook", "computer": "computer", "pc": "computer", "monitor": "computer",
    "desktop": "computer", "macbook": "laptop", "notepad": "notebook", "journal": "notebook",
    "diary": "notebook", "sketchbook": "notebook", "smartphone": "phone", "cellphone": "phone",
    "mobile": "phone", "iphone": "phone", "telephone": "phone", "ipad": "tablet", "kindle": "tablet",
    "earphones": "headphones", "headset": "headphones", "wristwatch": "watch", "spectacles": "glasses",
    "sunglasses": "glasses", "rucksack": "backpack", "schoolbag": "backpack", "purse": "handbag",
    "bag": "handbag", "tote": "handbag", "luggage": "suitcase", "trainers": "sneakers", "shoes": "sneakers",
    "shoe": "sneakers", "sneaker": "sneakers", "boot": "boots", "wellies": "boots", "cap": "hat",
    "beanie": "hat", "gown": "dress", "tshirt": "shirt", "sweater": "shirt", "hoodie": "shirt",
    "jacket": "shirt", "novel": "book", "books": "book", "magazine": "book", "newspaper": "book",
    "letter": "envelope", "postcard": "envelope", "present": "gift", "parcel": "gift",
    "package": "gift", "box": "gift", "keys": "key", "bulb": "lightbulb", "medal": "trophy", "award": "trophy",
    "banner": "flag", "saber": "sword", "sabre": "sword", "tiara": "crown", "pail": "bucket",
    "spade": "shovel", "marker": "pen", "crayon": "pencil", "brush": "paintbrush", "canvas": "easel",
    "painting": "easel", "teddybear": "teddy", "toy": "teddy", "doll": "teddy", "plush": "teddy",
    "football": "ball", "soccerball": "ball", "volleyball": "ball", "tennisball": "ball", "baseball": "ball",
    "basketball": "basketball", "beachball": "beachball", "disc": "frisbee", "parasol": "umbrella",
    "lantern": "lamp", "torch": "lamp", "lampshade": "lamp", "alarm": "clock", "ukulele": "guitar",
    "cello": "violin", "fiddle": "violin", "keyboard": "piano", "drums": "drum", "mic": "microphone",
    "rod": "fishingrod", "fire": "campfire", "bonfire": "campfire", "blanket": "picnic",
    "couch": "sofa", "settee": "sofa", "recliner": "armchair", "seat": "chair", "stool": "stool",
    "crib": "bed", "bunk": "bed", "hammock": "bed", "workbench": "desk", "bookcase": "bookshelf",
    "shelves": "bookshelf", "hearth": "fireplace", "stove": "fireplace", "television": "tv",
    "carpet": "rug", "mat": "rug", "candles": "candle", "pot": "vase", "flowerpot": "houseplant",
}
# A plural the -s/-es/-ies rule does not find (or a word whose -s is no plural).
IRREGULAR_PLURALS = {"mice": "mouse", "geese": "goose", "puppies": "puppy", "bunnies": "bunny", "ponies": "pony",
                     "cherries": "cherry", "babies": "baby", "butterflies": "butterfly", "wolves": "wolf",
                     "leaves": "leaf", "knives": "knife", "loaves": "loaf", "buses": "bus", "foxes": "fox",
                     "cacti": "cactus", "kitties": "kitty", "lilies": "lily", "daisies": "daisy",
                     "benches": "bench", "strawberries": "strawberry", "berries": "berry", "peaches": "peach",
                     "sandwiches": "sandwich", "tomatoes": "tomato", "potatoes": "potato", "dishes": "dish",
                     "boxes": "box", "watches": "watch", "brushes": "brush",
                     "teeth": "tooth", "feet": "foot", "sheep": "sheep", "deer": "deer", "fish": "fish",
                     "octopuses": "octopus", "octopi": "octopus", "hippos": "hippo", "rhinos": "rhino",
                     "dwarves": "dwarf", "shelves": "shelf", "scarves": "scarf", "wives": "wife",
                     "dresses": "dress", "couches": "couch", "torches": "torch", "mangoes": "mango",
                     "avocados": "avocado"}
# Words whose -s is not a plural: drawn as they are.
NOT_PLURAL = {"glasses", "grapes", "fries", "pancakes", "sneakers", "boots", "chopsticks", "skis", "dumplings",
              "headphones", "noodles", "scissors", "lens", "bus", "cactus", "octopus", "chips", "trainers",
              "shoes", "keys", "books", "drums", "shelves", "candles", "flowers", "eggs", "vegetables", "veggies",
              "earphones", "luggage", "wellies", "sunglasses", "spectacles", "jeans", "chess", "news",
              "glass", "grass", "dress", "class", "moss", "gas", "lettuce"}
PHRASES = {
    "ice cream": "icecream", "ice creams": "icecream", "hot air balloon": "hotairballoon",
    "air balloon": "hotairballoon", "vase of flowers": "vase", "vase with flowers": "vase",
    "coffee cup": "coffee", "cup of coffee": "coffee", "cups of coffee": "coffee", "cup of tea": "teacup",
    "cups of tea": "teacup", "tea cup": "teacup", "teacup": "teacup", "hot chocolate": "cocoa",
    "cup of hot chocolate": "cocoa", "mug of hot chocolate": "cocoa", "space shuttle": "rocket",
    "sail boat": "boat", "christmas tree": "pine", "palm tree": "palm", "pine tree": "pine", "fir tree": "pine",
    "teddy bear": "teddy", "teddy bears": "teddy", "polar bear": "polarbear", "polar bears": "polarbear",
    "panda bear": "panda", "light house": "lighthouse", "sky scraper": "skyscraper", "wind mill": "windmill",
    "old man": "old_man", "old men": "old_man", "elderly man": "old_man", "old woman": "old_woman",
    "old lady": "old_woman", "elderly woman": "old_woman", "elderly lady": "old_woman",
    "old women": "old_woman", "police officer": "police", "fire fighter": "firefighter",
    "office worker": "businessman", "construction worker": "worker", "business man": "businessman",
    "french fries": "fries", "hot dog": "hotdog", "hot dogs": "hotdog", "fried egg": "egg",
    "water bottle": "bottle", "bottle of water": "bottle", "glass of water": "glass", "glass of milk": "milk",
    "glass of lemonade": "lemonade", "glass of juice": "juice", "orange juice": "juice",
    "glass of wine": "wine", "glass of red wine": "wine", "glass of white wine": "wine", "red wine": "wine",
    "white wine": "wine", "wine glass": "wine", "glass of beer": "beer", "pint of beer": "beer",
    "slice of pizza": "pizzaslice", "pizza slice": "pizzaslice", "slices of pizza": "pizzaslice",
    "piece of cake": "cake", "slice of cake": "cake", "bowl of fruit": "fruit", "fruit bowl": "fruit",
    "bowl of ramen": "ramen", "bowl of soup": "soup", "bowl of salad": "salad", "bowl of rice": "rice",
    "bowl of cereal": "cereal", "bowl of noodles": "ramen", "plate of pasta": "pasta",
    "plate of spaghetti": "pasta", "plate of sushi": "sushi", "stack of pancakes": "pancakes",
    "cutting board": "board", "chopping board": "board", "frying pan": "pan", "watering can": "wateringcan",
    "fishing rod": "fishingrod", "fishing pole": "fishingrod", "light bulb": "lightbulb",
    "soccer ball": "ball", "tennis ball": "ball", "beach ball": "beachball", "basket ball": "basketball",
    "rain boots": "boots", "rubber boots": "boots", "hiking boots": "boots", "running shoes": "sneakers",
    "cell phone": "phone", "mobile phone": "phone", "smart phone": "phone", "laptop computer": "laptop",
    "computer mouse": "mouse", "living room": "indoor", "dining room": "indoor", "picnic blanket": "picnic",
    "picnic basket": "basket", "potted plant": "houseplant", "pot plant": "houseplant",
    "house plant": "houseplant", "flower pot": "houseplant", "party balloon": "balloon",
    "fire truck": "firetruck", "fire engine": "firetruck", "street lamp": "streetlamp",
    "street light": "streetlamp", "traffic light": "trafficlight", "traffic lights": "trafficlight",
    "mail box": "mailbox", "toy car": "toycar", "toy cars": "toycar", "pair of glasses": "glasses",
    "pair of sneakers": "sneakers", "pair of shoes": "sneakers", "pair of boots": "boots",
    "pair of chopsticks": "chopsticks", "pair of scissors": "scissors", "pair of skis": "skis",
    "a pair of": "a", "bunch of grapes": "grapes", "bunch of flowers": "vase", "bunch of bananas": "banana",
    "loaf of bread": "bread", "piece of cheese": "cheese", "bar of chocolate": "chocolate",
    "bowl of strawberries": "strawberries", "box of chocolates": "chocolate", "t shirt": "tshirt",
    "spring roll": "sushi", "dim sum": "dumplings", "t rex": "trex", "sea lion": "seal", "sea lions": "seal",
    "guinea pig": "mouse", "baby stroller": "stroller", "baby carriage": "stroller", "arm chair": "armchair",
    "rocking chair": "armchair", "book shelf": "bookshelf", "fire place": "fireplace",
    "painting of": "", "photo of": "", "photograph of": "", "picture of": "", "drawing of": "",
    "illustration of": "", "portrait of": "", "image of": "", "render of": "", "sketch of": "",
    "watercolor of": "", "watercolour of": "", "oil painting": "", "watercolor painting": "",
    "watercolour painting": "", "digital painting": "", "garden of flowers": "flowerbed",
    "field of flowers": "flowerbed", "bed of flowers": "flowerbed",
    "flower bed": "flowerbed", "flower garden": "flowerbed", "garden of red flowers": "red flowerbed",
    "window sill": "windowsill", "water lily": "flower",
}
GROUPS = {"village": "house", "orchard": "tree", "herd": "cow", "flock": "sheep", "fleet": "boat",
          "zoo": "elephant", "farm": "barn"}  # a word that names several of a subject ("a village": three houses)
NUMBERS = {"two": 2, "three": 3, "four": 3, "five": 3, "several": 3, "many": 3, "some": 2, "pair": 2,
           "couple": 2}
# Container words before "of": "a bowl of X" is X (in its bowl), "a slice of X" is X.
CONTAINERS = {"bowl", "plate", "cup", "mug", "glass", "basket", "slice", "piece", "stack", "pile", "bunch",
              "pair", "bottle", "jar", "box", "bag", "bucket", "pot", "tray", "handful", "loaf", "bar", "can",
              "carton", "pint", "scoop", "serving", "portion", "heap", "set", "kind", "sort", "lot", "lots",
              "bouquet", "vase", "couple"}

SETTINGS: dict[str, str] = {
    "sea": "sea", "ocean": "sea", "beach": "sea", "coast": "sea", "shore": "sea", "harbor": "sea",
    "harbour": "sea", "bay": "sea", "waves": "sea", "island": "sea", "seaside": "sea", "port": "sea",
    "cliff": "sea", "lake": "lake", "pond": "lake", "river": "lake", "stream": "lake", "water": "lake",
    "riverbank": "lake", "forest": "forest", "woods": "forest", "jungle": "forest", "woodland": "forest",
    "grove": "forest", "rainforest": "forest", "mountain": "mountains", "mountains": "mountains",
    "alps": "mountains", "peak": "mountains", "peaks": "mountains", "volcano": "mountains",
    "valley": "mountains", "trail": "mountains", "hills": "hills", "hill": "hills", "hillside": "hills",
    "city": "city", "town": "city", "skyline": "city", "street": "city", "downtown": "city", "urban": "city",
    "road": "road", "highway": "road", "path": "field", "sidewalk": "city", "pavement": "city",
    "desert": "desert", "dune": "desert", "dunes": "desert", "sand": "desert", "sahara": "desert",
    "snow": "snow", "snowy": "snow", "winter": "snow", "ice": "snow", "icy": "snow", "arctic": "snow",
    "frozen": "snow", "field": "field", "meadow": "field", "farm": "field", "garden": "field", "park": "field",
    "countryside": "field", "grass": "field", "lawn": "field", "prairie": "field", "backyard": "field",
    "yard": "field", "playground": "field", "savanna": "savanna", "savannah": "savanna", "safari": "savanna",
    "rocky": "sea", "kitchen": "indoor", "room": "indoor", "table": "indoor", "desk": "indoor",
    "cafe": "indoor", "restaurant": "indoor", "bar": "indoor", "office": "indoor", "classroom": "indoor",
    "library": "indoor", "indoors": "indoor", "inside": "indoor", "interior": "indoor", "studio": "indoor",
    "bedroom": "indoor", "shelf": "indoor", "windowsill": "indoor", "counter": "indoor", "home": "indoor",
    "house": "indoor", "lunchroom": "indoor", "window": "indoor", "space": "space", "galaxy": "space",
    "cosmos": "space", "orbit": "space", "underwater": "underwater", "reef": "underwater",
    "aquarium": "underwater", "autumn": "autumn", "fall": "autumn",
}
WEATHER: dict[str, str] = {
    "rain": "rain", "rainy": "rain", "raining": "rain", "drizzle": "rain", "shower": "rain", "wet": "rain",
    "snowfall": "snowfall", "snowflakes": "snowfall", "blizzard": "snowfall", "snowing": "snowfall",
    "fog": "fog", "foggy": "fog", "mist": "fog", "misty": "fog", "haze": "fog", "hazy": "fog",
    "storm": "storm", "stormy": "storm", "thunderstorm": "storm", "thunder": "storm", "tempest": "storm",
    "lightning": "lightning", "rainbow": "rainbow", "clouds": "clouds", "cloudy": "clouds", "cloud": "clouds",
    "overcast": "clouds", "windy": "wind", "wind": "wind", "breeze": "wind", "breezy": "wind",
}
TIMES: dict[str, str] = {
    "sunrise": "sunrise", "dawn": "sunrise", "morning": "sunrise", "daybreak": "sunrise",
    "sunset": "sunset", "dusk": "sunset", "evening": "sunset", "twilight": "sunset", "golden": "sunset",
    "night": "night", "midnight": "night", "nighttime": "night", "moonlit": "night", "moonlight": "night",
    "starry": "night", "nocturnal": "night", "dark": "night",
    "noon": "noon", "midday": "noon", "day": "noon", "daytime": "noon", "sunny": "noon", "summer": "noon",
    "afternoon": "noon", "bright": "noon", "daylight": "noon",
}
SKY_THINGS = {"sun": "sun", "moon": "moon", "crescent": "moon", "stars": "stars", "star": "stars"}
COLOURS: dict[str, RGB] = {
    "red": (210, 50, 50), "crimson": (180, 25, 60), "orange": (240, 140, 40), "yellow": (245, 210, 50),
    "gold": (230, 180, 40), "golden": (230, 180, 40), "green": (60, 160, 80), "teal": (30, 150, 150),
    "cyan": (60, 200, 220), "blue": (50, 100, 210), "navy": (30, 45, 110), "purple": (130, 60, 180),
    "violet": (150, 90, 210), "pink": (240, 130, 170), "magenta": (210, 50, 170), "brown": (130, 85, 50),
    "black": (40, 38, 44), "white": (246, 244, 240), "grey": (140, 140, 148), "gray": (140, 140, 148),
    "silver": (195, 198, 205), "ginger": (225, 120, 50), "tabby": (200, 140, 80),
}
# What a person does with a thing: the verb's pose and the thing it implies when none is named.
VERBS: dict[str, tuple[str, str | None]] = {
    "riding": ("ride", "bicycle"), "rides": ("ride", "bicycle"), "ride": ("ride", "bicycle"),
    "cycling": ("ride", "bicycle"), "biking": ("ride", "bicycle"), "reading": ("read", "book"),
    "reads": ("read", "book"), "holding": ("hold", None), "holds": ("hold", None), "carrying": ("hold", None),
    "carries": ("hold", None), "hugging": ("hold", None), "hugs": ("hold", None), "with": ("hold", None),
    "showing": ("hold", None), "eating": ("hold", None), "eats": ("hold", None), "drinking": ("drink", "coffee"),
    "drinks": ("drink", "coffee"), "sipping": ("drink", "coffee"), "cooking": ("cook", "pan"),
    "cooks": ("cook", "pan"), "frying": ("cook", "pan"), "baking": ("cook", "pan"),
    "walking": ("walk", None), "walks": ("walk", None), "strolling": ("walk", None), "hiking": ("walk", None),
    "running": ("run", None), "runs": ("run", None), "jogging": ("run", None), "racing": ("run", None),
    "pushing": ("push", "stroller"), "pushes": ("push", "stroller"), "sitting": ("sit", None),
    "sits": ("sit", None), "seated": ("sit", None), "resting": ("sit", None), "relaxing": ("sit", None),
    "lounging": ("sit", None), "waiting": ("sit", None), "playing": ("play", None), "plays": ("play", None),
    "strumming": ("play", "guitar"), "typing": ("type", "laptop"), "working": ("type", "laptop"),
    "using": ("hold", None), "studying": ("read", "book"), "talking": ("ear", "phone"),
    "calling": ("ear", "phone"), "phoning": ("ear", "phone"), "texting": ("hold", "phone"),
    "flying": ("fly", "kite"), "fishing": ("fish", "fishingrod"), "painting": ("paint", "easel"),
    "drawing": ("paint", "easel"), "sketching": ("paint", "easel"), "dancing": ("dance", None),
    "dances": ("dance", None), "waving": ("wave", None), "waves": ("wave", None), "writing": ("read", "notebook"),
    "watering": ("hold", "wateringcan"), "gardening": ("hold", "wateringcan"), "photographing": ("drink", "camera"),
    "skiing": ("board", "skis"), "surfing": ("board", "surfboard"), "skateboarding": ("board", "skateboard"),
    "skating": ("board", "skateboard"), "sledding": ("sit", "sled"), "singing": ("hold", "microphone"),
    "shopping": ("hold", "handbag"), "traveling": ("hold", "suitcase"), "travelling": ("hold", "suitcase"),
    "wearing": ("wear", None), "feeding": ("hold", None), "petting": ("hold", None), "throwing": ("hold", None),
    "kicking": ("hold", None), "selling": ("hold", None), "serving": ("hold", None), "buying": ("hold", None),
    "taking": ("drink", "camera"), "watching": ("sit", None), "sleeping": ("sit", None), "lying": ("sit", None),
}
# Where a thing is put on another: seats and surfaces ("a cat on a sofa", "a train crossing a bridge").
SURFACES = set(SEATS) | {"bridge", "branch", "tree", "table", "desk", "sled", "swing"}
ON_WORDS = {"on", "onto", "upon", "atop", "crossing", "across", "over", "in"}
# Small things that lie on a dish ("ramen with chopsticks", "salad with a fork").
UTENSILS = {"chopsticks", "fork", "knife", "spoon", "strawberry", "cherry", "candle", "pen", "pencil"}

# The words of an edit that say what the painted area becomes ("make it a dog", "turn into", "replace with").
CHANGE_WORDS = {"becomes", "become", "into", "make", "turn", "replace", "with", "add", "put", "place", "draw",
                "now", "instead"}
# The words that make a prompt given with a picture an instruction to change it rather than a new picture.
INSTRUCTION_WORDS = {"add", "make", "turn", "replace", "becomes", "become", "remove", "erase", "delete", "put",
                     "change", "instead", "into"}

# Words that are no nouns of things (for `not_drawn`): function words, adjectives, style and camera words,
# abstract nouns. Anything else a prompt says that the picture does not know is named as not drawn.
FUNCTION_WORDS = set("""
a an the this that these those my your his her its our their some any each every no of in on at by for with
without from to into onto over under above below beside besides between behind near next against along across
through around among inside outside beneath underneath toward towards up down out off away and or but nor so yet
while as like than then there here where when which who whom whose what how why is are was were be been being am
has have had having do does did doing will would can could should may might must shall it its itself they them
he she him we us i me you one ones very too also just only really quite rather almost all both either neither
other another such same own more most less least much many few several lot lots pair kind sort type bit set
about after before during since until upon via per front top bottom side middle center centre background
foreground left right far close edge corner end part
""".split())
ADJECTIVES = set("""
big small little large tiny huge giant tall short long wide narrow old young new ancient modern beautiful pretty
cute lovely ugly happy sad angry calm quiet busy loud cozy cosy warm cold hot cool wet dry fresh clean dirty soft
hard smooth rough bright dark light heavy empty full open closed wooden metal glass stone brick plastic paper
golden silver shiny sparkling glowing fluffy furry fuzzy hairy striped spotted colorful colourful vibrant pale
deep shallow high low fast slow early late sunny rainy snowy windy cloudy stormy foggy misty icy frozen
delicious tasty yummy sweet sour spicy salty crispy juicy creamy steaming steamy homemade baked roasted fried
grilled boiled cooked raw ripe green red blue yellow orange purple pink brown black white grey gray beige
magical mystical fantasy surreal dreamy whimsical realistic photorealistic cinematic dramatic epic detailed
hyperrealistic minimalist minimal abstract vintage retro classic futuristic rustic elegant luxurious simple
peaceful serene tranquil lonely friendly playful funny curious sleepy hungry lazy brave wild tame domestic
favorite favourite perfect amazing stunning gorgeous majestic graceful charming adorable sleek shiny glossy
matte neon pastel muted vivid moody atmospheric gloomy cheerful festive traditional local japanese italian
french chinese mexican indian american english british thai korean spanish greek african european asian
nordic tropical exotic urban rural suburban outdoor indoor outdoors indoors nearby distant faraway far-off
calm gentle lush green leafy wooden tiled marble checkered plaid gingham floral polka round square flat
sunlit moonlit candlelit lit lighted illuminated shaded shady sheltered crowded empty deserted abandoned
quiet crowded tidy messy organized cluttered stacked parked leaning hanging floating flying standing lying
sitting sleeping walking running jumping swimming smiling laughing crying looking watching waiting resting
relaxing reading eating drinking playing working having making getting going coming doing holding wearing
covered filled made shaped themed inspired styled lit blurred blurry sharp focused
ultra hd hdr uhd fullhd highly extremely super very
""".split())
STYLE_WORDS = set("""
photo photograph photography picture image illustration drawing painting render rendering art artwork style
portrait landscape scene view shot closeup close-up macro panorama wallpaper poster sketch cartoon anime
watercolor watercolour oil acrylic pixel vector digital 3d 2d render octane unreal engine trending artstation
masterpiece quality resolution detail details lighting light shadow shadows color colour colors colours
composition aesthetic mood vibe vibes atmosphere feeling concept idea dream dreams theme version variation
k 4k 8k 16k hd demo lens camera bokeh depth field focus film grain frame perspective angle
time moment day days year years season seasons weather sky ground floor wall walls air surface world
thing things stuff something anything everything nothing way place area spot
breakfast lunch dinner brunch supper meal meals feast party celebration festival wedding holiday holidays vacation
adventure journey trip game match concert show together alone love peace joy fun life memory memories story
hair eyes eye face faces smile smiles hands hand arms arm legs leg feet skin beard freckles tattoo tattoos
expression pose outfit clothes clothing uniform costume reflection reflections silhouette lights glow sparkle
sparkles stethoscope apron logo icon emoji character characters ghibli pixar disney
""".split())
# A prompt's style reference ("in the style of Studio Ghibli") names no thing to draw: cut from "style of" on.
STYLE_OF = re.compile(r"\b(?:in\s+the\s+)?style\s+of\b[^,.;]*")
# Sky objects and places are drawn through the scene, not as subjects: no "not drawn" note for them.
SCENE_NOUNS = {"sun", "moon", "stars", "star", "crescent", "window", "windowsill", "door", "wall", "floor", "sky",
               "horizon", "background", "kitchen", "room", "table", "desk", "cafe", "restaurant", "bedroom",
               "office", "classroom", "street", "road", "path", "trail", "field", "park", "garden", "beach",
               "shore", "sea", "ocean", "lake", "river", "forest", "woods", "jungle", "mountain", "mountains",
               "hill", "hills", "valley", "city", "town", "desert", "snow", "rain", "fog", "mist", "storm",
               "clouds", "cloud", "rainbow", "lightning", "weather", "night", "morning", "evening", "sunset",
               "sunrise", "dawn", "dusk", "noon", "winter", "summer", "spring", "autumn", "fall", "savanna",
               "space", "galaxy", "underwater", "reef", "meadow", "lawn", "yard", "backyard", "playground",
               "counter", "shelf", "interior", "home", "house", "farm", "countryside", "island", "coast",
               "harbor", "harbour", "bay", "port", "cliff", "pond", "stream", "grass", "ice", "sand", "dune",
               "dunes", "waves", "wave", "water", "wind", "breeze", "light", "sunshine", "sunlight",
               "moonlight", "daylight", "lunchroom", "library", "studio"}


