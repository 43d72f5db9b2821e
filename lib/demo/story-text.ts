/**
 * Story texts in plain (B1) Dutch, assembled from templates: an opening per theme and teller, what
 * the team did, how it turned out. Some carry paragraphs, quotes, a bit of HTML, or start with `-`
 * or `=` (as people type them), so importers and renderers meet every free-text quirk.
 */
import type {Theme} from "./first-line.js";
import type {Rng} from "./random.js";

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

const ACTIONS: Record<Teller, readonly string[]> = {
  medewerker: [
    "We zijn eerst gewoon gaan praten, aan de keukentafel.",
    "We keken samen wat er in de buurt al is.",
    "Een vrijwilliger uit de wijk ging een paar keer mee.",
    "We maakten samen een plan met kleine stappen.",
    "We brachten de familie bij elkaar om te kijken wie wat kan doen.",
    "Samen met de huisarts zochten we naar een oplossing dichtbij huis.",
    "We regelden eerst het geld, daarna was er ruimte voor de rest."
  ],
  inwoner: [
    "Iemand van het sociaal team kwam bij mij thuis. We praatten aan de keukentafel.",
    "De medewerker keek samen met mij wat er in de buurt al is.",
    "Ik kreeg een vrijwilliger die een paar keer met mij meeging.",
    "We maakten samen een plan met kleine stappen.",
    "Mijn familie en de buren hielpen mee. Dat had ik zelf nooit gevraagd."
  ]
};

const EXCEPTION_ACTIONS: Record<Teller, readonly string[]> = {
  medewerker: [
    "Hier was specialistische kennis nodig. Die hadden we zelf niet in huis, dus we vroegen een specialist mee te kijken.",
    "De vraag moest eerst goed worden uitgezocht. Wat er echt speelde, was iets anders dan wat er gevraagd werd.",
    "We hebben een deskundige erbij gehaald, want het ging om meer dan we dachten."
  ],
  inwoner: [
    "Er kwam een specialist bij. Die wist precies wat er aan de hand was.",
    "Eerst moest goed worden uitgezocht wat ik nodig had. Dat duurde even."
  ]
};

const OUTCOMES: Record<Theme, Record<Teller, readonly string[]>> = {
  scheiding: {
    medewerker: ["De ouders praten weer met elkaar. De kinderen slapen beter.", "Er is een ouderschapsplan. Zwaardere jeugdhulp was niet nodig."],
    inwoner: ["Nu gaat het beter met de kinderen. Ze weten waar ze aan toe zijn.", "We praten weer normaal met elkaar, voor de kinderen."]
  },
  dementie: {
    medewerker: ["De zorg kon thuis blijven, met hulp van de buren.", "Twee keer per week is er de ontmoetingsgroep. De mantelzorger heeft weer wat rust."],
    inwoner: ["Ik sta er niet meer alleen voor.", "Mijn moeder kan nog thuis wonen. De buurvrouw kijkt ook mee."]
  },
  dakloosheid: {
    medewerker: ["Er is nu een eigen kamer, en elke week een vaste dag om te sporten.", "Er is nu een kleine woning. Opvang was niet meer nodig."],
    inwoner: ["Ik heb nu een eigen plek. Dat voelt als een nieuw begin.", "Ik heb weer een adres en een uitkering. Nu kan ik verder."]
  },
  zorgmijding: {
    medewerker: ["De deur gaat weer open. Er komt nu elke week iemand langs.", "Het is nog niet klaar, maar er is weer vertrouwen."],
    inwoner: ["Ik ben blij dat ik de deur toch heb opengedaan.", "Ik durf nu zelf te bellen als het niet goed gaat."]
  },
  schulden: {
    medewerker: ["Er is een betalingsregeling. Het gezin heeft weer overzicht.", "De post gaat weer open. Zwaardere hulp was niet nodig."],
    inwoner: ["Ik heb weer overzicht over mijn geld.", "De schulden zijn nog niet weg, maar ik slaap weer."]
  },
  eenzaamheid: {
    medewerker: ["Inmiddels komt er elke week iemand langs voor koffie.", "Er zijn nu mensen in de buurt om te bellen."],
    inwoner: ["Ik ga nu elke dinsdag naar de koffieochtend.", "Ik heb nu een maatje. We wandelen samen."]
  },
  opvoeding: {
    medewerker: ["Het kind gaat weer naar school. Thuis is het rustiger.", "De ouders weten nu beter wat ze kunnen doen als het misgaat."],
    inwoner: ["Mijn zoon en ik hebben weer minder ruzie.", "Mijn dochter gaat weer naar school, eerst halve dagen."]
  },
  mantelzorg: {
    medewerker: ["Er is nu één dag in de week vrij van zorg.", "De zorg is nu verdeeld over meer mensen."],
    inwoner: ["Ik heb nu een dag in de week voor mezelf.", "Ik hoef het niet meer alleen te doen."]
  },
  "psychische klachten": {
    medewerker: ["Er is weer contact met anderen, via een wandelgroep.", "Boodschappen doen lukt weer zonder hulp."],
    inwoner: ["Ik ga weer naar buiten. Het gaat met kleine stappen.", "Ik voel me minder somber. Ik heb iemand die luistert."]
  }
};

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
  sentences.push(rng.pick((exception ? EXCEPTION_ACTIONS : ACTIONS)[teller]));
  if (rng.chance(0.5)) {
    const more = rng.pick(ACTIONS[teller]);
    if (!sentences.includes(more)) sentences.push(more);
  }
  if (teller === "medewerker" && rng.chance(0.35)) sentences.push(rng.pick(QUOTES));
  sentences.push(rng.pick(OUTCOMES[theme][teller]));
  let text: string;
  const layout = rng.uniform();
  if (force === "list" || (force === null && layout >= 0.35 && layout < 0.4)) text = sentences.map((s) => `- ${s}`).join("\n");
  else if (layout < 0.35) text = `${sentences.slice(0, 2).join(" ")}\n\n${sentences.slice(2).join(" ")}`;
  else text = sentences.join(" ");
  const quirk = rng.uniform();
  if (force === "html" || (force === null && quirk < 0.03)) text = `<b>${sentences[0]}</b><br>${text.slice(sentences[0].length).trimStart()}`;
  else if (force === "formula" || (force === null && quirk < 0.05)) text = `= ${text}`;
  return {title: rng.pick(TITLES[theme]), text};
}
