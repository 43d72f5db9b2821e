/**
 * Story texts in plain (B1) Dutch, assembled from templates: an opening per theme and teller, what
 * the team did, how it turned out. Some carry paragraphs, quotes, a bit of HTML, or start with `-`
 * or `=` (as people type them), so importers and renderers meet every free-text quirk.
 */
import type {Theme} from "./first-line.ts";
import type {Rng} from "./random.ts";

export type Teller = "inwoner" | "medewerker";

const OPENINGS: Record<Theme, Record<Teller, readonly string[]>> = {
  scheiding: {
    medewerker: ["Een moeder belde ons na de scheiding. De kinderen sliepen slecht en ze wist niet meer wat ze moest doen.", "Twee ouders kwamen bij ons. Ze gingen uit elkaar en maakten steeds ruzie over de kinderen.", "Een vader wilde hulp voor zijn zoon. Sinds de scheiding ging het op school niet goed."],
    inwoner: ["Na onze scheiding ging het slecht met mijn dochter.", "Ik ging uit elkaar met mijn partner en wist niet hoe ik het de kinderen moest vertellen."]
  },
  dementie: {
    medewerker: ["Een man zorgde al jaren voor zijn vrouw met dementie. Hij was op.", "De dochter van een oudere meneer maakte zich zorgen. Haar vader vergat steeds meer.", "Mevrouw woonde alleen en raakte de weg kwijt in haar eigen straat."],
    inwoner: ["Mijn moeder heeft dementie en ik zorg voor haar.", "Mijn man vergeet steeds meer. Ik merkte dat ik het niet meer alleen kon."]
  },
  dakloosheid: {
    medewerker: ["Een jongen van 23 sliep al weken bij vrienden op de bank. Hij had geen adres meer.", "Een vrouw stond na een ruzie met haar huisbaas op straat.", "Meneer sliep in zijn auto. Hij schaamde zich en vroeg zelf geen hulp."],
    inwoner: ["Ik had geen huis meer en sliep bij vrienden.", "Na mijn ontslag raakte ik mijn woning kwijt."]
  },
  zorgmijding: {
    medewerker: ["De buren belden ons over een man die nooit meer buiten kwam.", "Een vrouw deed de deur niet open voor de wijkverpleging. De post stapelde zich op.", "De huisarts maakte zich zorgen over een meneer die alle afspraken afzegde."],
    inwoner: ["Ik wilde eigenlijk geen hulp. Ik dacht dat ik het zelf kon.", "Ik deed lang de deur niet open. Ik was bang voor instanties."]
  },
  schulden: {
    medewerker: ["Een gezin had al maanden de huur niet betaald. Er lagen brieven van de deurwaarder.", "Een jonge vrouw kwam binnen met een tas vol ongeopende post."],
    inwoner: ["Ik had schulden en durfde de post niet meer open te maken.", "Ons geld was elke maand al op voor de twintigste."]
  },
  eenzaamheid: {
    medewerker: ["Meneer was weduwnaar en sprak soms dagen met niemand.", "Een vrouw van 80 zat de hele dag alleen thuis."],
    inwoner: ["Sinds mijn man overleed voelde ik me erg alleen.", "Ik kende bijna niemand in de wijk."]
  },
  opvoeding: {
    medewerker: ["Een moeder liep vast met haar zoon van 12. Hij werd snel boos.", "Ouders vroegen hulp omdat hun dochter niet meer naar school wilde."],
    inwoner: ["Ik liep vast met de opvoeding van mijn zoon.", "Mijn dochter wilde niet meer naar school en ik wist niet hoe ik haar kon helpen."]
  },
  mantelzorg: {
    medewerker: ["Een vrouw zorgde voor haar zieke man én haar moeder. Ze sliep bijna niet meer.", "Een zoon kwam elke dag bij zijn vader om te helpen. Zijn eigen werk leed eronder."],
    inwoner: ["Ik ben mantelzorger voor mijn vader en het werd me te veel.", "Ik zorg al jaren voor mijn zus. Ik had geen tijd meer voor mezelf."]
  },
  "psychische klachten": {
    medewerker: ["Een jonge man had last van somberheid en kwam zijn bed niet meer uit.", "Een vrouw had paniekaanvallen en durfde niet meer naar de winkel."],
    inwoner: ["Ik voelde me al maanden somber.", "Ik had veel angst en durfde niet meer naar buiten."]
  }
};

const ACTIONS = [
  "We zijn eerst gewoon gaan praten, aan de keukentafel.",
  "We keken samen wat er in de buurt al is.",
  "Een vrijwilliger uit de wijk ging een paar keer mee.",
  "We maakten samen een plan met kleine stappen.",
  "De buurvrouw en een vriendin hielpen mee.",
  "We brachten de familie bij elkaar om te kijken wie wat kan doen.",
  "Samen met de huisarts zochten we naar een oplossing dichtbij huis.",
  "We regelden eerst het geld, daarna was er ruimte voor de rest."
];

const EXCEPTION_ACTIONS = [
  "Hier was specialistische kennis nodig. Die hadden we zelf niet in huis, dus we vroegen een specialist mee te kijken.",
  "De vraag moest eerst goed worden uitgezocht. Wat er echt speelde, was iets anders dan wat er gevraagd werd.",
  "We hebben een deskundige erbij gehaald, want het ging om meer dan we dachten."
];

const OUTCOMES = [
  "Nu gaat het een stuk beter. Er is geen zwaardere zorg nodig.",
  "Inmiddels gaat hij weer elke week naar de koffieochtend.",
  "Het gezin heeft weer rust. De kinderen slapen beter.",
  "Ze heeft nu mensen om zich heen die ze kan bellen.",
  "Het is nog niet klaar, maar er is weer hoop.",
  "Hij heeft weer een eigen plek en een vaste dag om te sporten.",
  "De zorg kon thuis blijven, met hulp van de buren."
];

const QUOTES = [
  'Ze zei: "Ik dacht dat ik de enige was."',
  'Hij zei later: "Jullie luisterden echt."',
  'Een buurman zei: "Had ik maar eerder gebeld."',
  'Zijn dochter zei: "Nu weet ik wie ik kan bellen."'
];

const TITLES: Record<Theme, readonly string[]> = {
  scheiding: ["Weer rust na de scheiding", "Samen ouders blijven", "Twee huizen, één plan"],
  dementie: ["Vergeten, maar niet alleen", "Hulp voor de mantelzorger", "Thuis blijven wonen"],
  dakloosheid: ["Een adres, en dan verder", "Van de bank naar een eigen plek", "Niet meer in de auto"],
  zorgmijding: ["Eindelijk de deur open", "Langzaam vertrouwen", "Via de buren"],
  schulden: ["Weer grip op geld", "De post weer open", "Stap voor stap schuldenvrij"],
  eenzaamheid: ["Een maatje in de wijk", "Niet meer alleen aan tafel", "Koffie op dinsdag"],
  opvoeding: ["Terug naar school", "Rust in huis", "Een plan met de school"],
  mantelzorg: ["Even ademhalen", "Zorgen voor de zorger", "Samen delen"],
  "psychische klachten": ["Weer naar buiten", "Kleine stappen", "Iemand die luistert"]
};

export interface StoryText {
  title: string;
  text: string;
}

/** A free-text quirk to force (so every delivery holds each kind at least once). */
export type TextQuirk = "formula" | "html" | "list" | null;

export function storyText(rng: Rng, theme: Theme, teller: Teller, exception: boolean, force: TextQuirk = null): StoryText {
  const sentences = [rng.pick(OPENINGS[theme][teller])];
  sentences.push(exception ? rng.pick(EXCEPTION_ACTIONS) : rng.pick(ACTIONS));
  if (rng.chance(0.5)) sentences.push(rng.pick(ACTIONS));
  if (rng.chance(0.35)) sentences.push(rng.pick(QUOTES));
  sentences.push(rng.pick(OUTCOMES));
  let text: string;
  const layout = rng.uniform();
  if (force === "list" || (force === null && layout >= 0.35 && layout < 0.4)) text = sentences.map((s) => `- ${s}`).join("\n");
  else if (layout < 0.35) text = `${sentences.slice(0, 2).join(" ")}\n\n${sentences.slice(2).join(" ")}`;
  else text = sentences.join(" ");
  const quirk = rng.uniform();
  if (force === "html" || (force === null && quirk < 0.03)) text = text.replace(/\. /, ". <b>Echt waar.</b><br>");
  else if (force === "formula" || (force === null && quirk < 0.05)) text = `= ${text}`;
  return {title: rng.pick(TITLES[theme]), text};
}
