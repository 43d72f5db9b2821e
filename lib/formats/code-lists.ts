/**
 * The small public code lists of formats.md ("Reference tables to ship"): productcategorie Wmo
 * (WMO020) and Jeugd (JZ020), and the laws. Browser-safe, so pages and the command line print the
 * same names. A code that is not in the list keeps its code as its name.
 */

export type LawCode = "wmo" | "jeugd";

export const LAW_NAMES: Record<LawCode, string> = {wmo: "Wmo 2015", jeugd: "Jeugdwet"};

/** Productcategorie (2 characters) -> name, Wmo 01-18 and Jeugd 31-55. */
export const PRODUCTCATEGORIE: Readonly<Record<string, {law: LawCode; name: string}>> = {
  "01": {law: "wmo", name: "hulp bij het huishouden"},
  "02": {law: "wmo", name: "begeleiding"},
  "03": {law: "wmo", name: "persoonlijke verzorging"},
  "04": {law: "wmo", name: "kortdurend verblijf"},
  "05": {law: "wmo", name: "woondiensten"},
  "06": {law: "wmo", name: "overige ondersteuning individu/huishouden"},
  "07": {law: "wmo", name: "dagbesteding"},
  "08": {law: "wmo", name: "vervoerdiensten"},
  "09": {law: "wmo", name: "overige groepsgerichte ondersteuning"},
  "10": {law: "wmo", name: "overige maatwerkarrangementen"},
  "11": {law: "wmo", name: "rolstoelen"},
  "12": {law: "wmo", name: "vervoervoorzieningen"},
  "13": {law: "wmo", name: "woonvoorzieningen"},
  "14": {law: "wmo", name: "overige hulpmiddelen"},
  "15": {law: "wmo", name: "beschermd wonen"},
  "16": {law: "wmo", name: "opvang"},
  "17": {law: "wmo", name: "spoedopvang"},
  "18": {law: "wmo", name: "overige beschermd wonen en opvang"},
  "31": {law: "jeugd", name: "wijk-/buurtteam (2015)"},
  "32": {law: "jeugd", name: "ambulant bij aanbieder (2015)"},
  "33": {law: "jeugd", name: "daghulp (2015)"},
  "34": {law: "jeugd", name: "in het netwerk (2015)"},
  "35": {law: "jeugd", name: "pleegzorg (2015)"},
  "36": {law: "jeugd", name: "gezinsgericht verblijf (2015)"},
  "37": {law: "jeugd", name: "gesloten plaatsing (2015)"},
  "38": {law: "jeugd", name: "overig residentieel (2015)"},
  "40": {law: "jeugd", name: "persoonlijke verzorging (jeugd)"},
  "41": {law: "jeugd", name: "dagbehandeling"},
  "42": {law: "jeugd", name: "vervoerdiensten (jeugd)"},
  "43": {law: "jeugd", name: "verblijf incl. behandeling"},
  "44": {law: "jeugd", name: "verblijf excl. behandeling"},
  "45": {law: "jeugd", name: "ambulant"},
  "46": {law: "jeugd", name: "crisis"},
  "47": {law: "jeugd", name: "jeugdreclassering"},
  "48": {law: "jeugd", name: "jeugdbescherming"},
  "49": {law: "jeugd", name: "preventief justitieel kader"},
  "50": {law: "jeugd", name: "maatwerkarrangementen (jeugd)"},
  "51": {law: "jeugd", name: "generalistische basis-ggz"},
  "52": {law: "jeugd", name: "specialistische ggz"},
  "53": {law: "jeugd", name: "kindergeneeskunde"},
  "54": {law: "jeugd", name: "jeugd-ggz"},
  "55": {law: "jeugd", name: "landelijk ingekochte zorg"}
};

/** "02 begeleiding"; an unknown code as is; null/empty as "onbekend". */
export function categoryLabel(code: string | null | undefined): string {
  if (code === null || code === undefined || code.trim() === "") return "onbekend";
  const found = PRODUCTCATEGORIE[code.trim()];
  return found ? `${code.trim()} ${found.name}` : code.trim();
}

/** "Wmo 2015" / "Jeugdwet"; another value as is; null/empty as "onbekend". */
export function lawLabel(law: string | null | undefined): string {
  const v = law?.trim().toLowerCase();
  if (!v) return "onbekend";
  return v in LAW_NAMES ? LAW_NAMES[v as LawCode] : law!.trim();
}
