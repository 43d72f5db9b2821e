/**
 * The second-line products of the demo region: per productcategorie a product code, unit, tariff,
 * typical monthly volume and trajectory length. These drive the declarations and the start/stop
 * data; the avoided-cost medians are then measured back from what was written, not taken from here.
 */

export type Law = "wmo" | "jeugd";

export interface Category {
  law: Law;
  /** Productcategorie, 2 digits. */
  code: string;
  productcode: string;
  name: string;
  /** What a sociaal team writes as the requested provision. */
  request: string;
  /** Eenheid (WJ756): 04 uur, 14 etmaal, 16 dagdeel. */
  unit: "04" | "14" | "16";
  tariffCents: number;
  /** Units per month for hours and day parts (etmaal: every day of the period counts). */
  monthlyVolume: number;
  medianMonths: number;
  /** Relative share among the second-line clients of its law. */
  prevalence: number;
  /** Provider indexes (into PROVIDERS of the law) that deliver it. */
  providers: readonly number[];
}

export const CATEGORIES: readonly Category[] = [
  {law: "wmo", code: "01", productcode: "01A01", name: "hulp bij het huishouden", request: "Huishoudelijke hulp", unit: "04", tariffCents: 3250, monthlyVolume: 10, medianMonths: 22, prevalence: 42, providers: [0, 1]},
  {law: "wmo", code: "02", productcode: "02A03", name: "begeleiding", request: "Begeleiding individueel", unit: "04", tariffCents: 6600, monthlyVolume: 12, medianMonths: 10, prevalence: 30, providers: [1, 2, 3]},
  {law: "wmo", code: "07", productcode: "07A01", name: "dagbesteding", request: "Dagbesteding", unit: "16", tariffCents: 4800, monthlyVolume: 12, medianMonths: 14, prevalence: 16, providers: [2, 3]},
  {law: "wmo", code: "15", productcode: "15B02", name: "beschermd wonen", request: "Beschermd wonen", unit: "14", tariffCents: 18500, monthlyVolume: 0, medianMonths: 24, prevalence: 10, providers: [4]},
  {law: "wmo", code: "16", productcode: "16A01", name: "opvang", request: "Maatschappelijke opvang", unit: "14", tariffCents: 9500, monthlyVolume: 0, medianMonths: 6, prevalence: 5, providers: [4]},
  {law: "jeugd", code: "45", productcode: "45A12", name: "ambulant", request: "Jeugdhulp ambulant", unit: "04", tariffCents: 10500, monthlyVolume: 6, medianMonths: 8, prevalence: 42, providers: [0, 1, 2]},
  {law: "jeugd", code: "54", productcode: "54001", name: "jeugd-ggz", request: "Jeugd-GGZ behandeling", unit: "04", tariffCents: 12000, monthlyVolume: 6, medianMonths: 7, prevalence: 20, providers: [2, 3]},
  {law: "jeugd", code: "41", productcode: "41A02", name: "dagbehandeling", request: "Dagbehandeling jeugd", unit: "16", tariffCents: 9500, monthlyVolume: 10, medianMonths: 10, prevalence: 10, providers: [3]},
  {law: "jeugd", code: "43", productcode: "43B01", name: "verblijf incl. behandeling", request: "Verblijf met behandeling", unit: "14", tariffCents: 38000, monthlyVolume: 0, medianMonths: 10, prevalence: 12, providers: [4]},
  {law: "jeugd", code: "44", productcode: "44A01", name: "verblijf excl. behandeling", request: "Pleegzorg of gezinshuis", unit: "14", tariffCents: 6000, monthlyVolume: 0, medianMonths: 18, prevalence: 9, providers: [4, 1]}
];

export function category(code: string): Category {
  const found = CATEGORIES.find((c) => c.code === code);
  if (!found) throw new Error(`unknown demo productcategorie ${code}`);
  return found;
}

export interface Provider {
  agb: string;
  name: string;
}

/** Fictional providers; one AGB code starts with a zero to exercise leading-zero handling. */
export const PROVIDERS: Record<Law, readonly Provider[]> = {
  wmo: [
    {agb: "73730145", name: "Thuiszorg Het Anker"},
    {agb: "98052211", name: "Stichting Samen Verder"},
    {agb: "98061372", name: "Dagcentrum De Brug"},
    {agb: "06210498", name: "Welzijn & Co"},
    {agb: "98110025", name: "Stichting Onderdak Regio"}
  ],
  jeugd: [
    {agb: "75750318", name: "Jeugdhulp Kompas"},
    {agb: "98071460", name: "Gezinsplein"},
    {agb: "94063187", name: "GGZ Jong"},
    {agb: "98120943", name: "Kinderdagcentrum Regenboog"},
    {agb: "98034076", name: "Jeugdzorg Residentieel Zuid"}
  ]
};

export const LIKELIHOOD_WEIGHTS = {zeker: 1.0, waarschijnlijk: 0.6, misschien: 0.3} as const;
export type Likelihood = keyof typeof LIKELIHOOD_WEIGHTS;
