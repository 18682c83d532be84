// Package demo generates a realistic demo municipality, "Municipiul Demo"
// (county TM, ~250,000 inhabitants), or a demo county, "Județul Demo" (see
// below), as source files in the canonical CSV
// format (`--format deschis`), so that `etl demo` can load them through the
// same path as real files.
//
// Generate writes, under dir:
//
//	entities.csv                 the town hall and its subordinate units
//	budget/YYYY-MM.csv           one cumulative execution report a month, 2022..AsOf
//	budget/2025-06-rectificat.csv  a corrected June 2025 report (see below)
//	investments.csv              investment objectives, one row per (code, year)
//	procurement/YYYY.csv         awards by year of award date
//	requests/YYYY.csv            citizens' requests by year of registration
//
// The same Options give byte-identical files: every dataset draws from its
// own PCG stream (math/rand/v2) seeded from Options.Seed. Volumes grow with
// Options.Scale (about 140,000 rows at Scale 1, 11.5 million at Scale 100).
//
// # Entities
//
// Fiscal codes are fictional (bodies from 999100 up, with valid check digits;
// no town hall uses them), as is the SIRUTA code 999991:
//
//	9991004  Municipiul Demo (municipiu)
//	9991012  Școala Gimnazială nr. 1 Demo      (unitate subordonată)
//	9991020  Spitalul Clinic Municipal Demo    (unitate subordonată)
//	9991039  Direcția de Asistență Socială Demo (unitate subordonată)
//	         Școala Gimnazială nr. k Demo, k = 2..Scale: body 999102+k (9991047 for k = 2)
//
// # Budget
//
// Chapter totals follow Timișoara's approved 2024 budget (operating and
// development sections), with 5–8 % nominal growth a year. Each report is
// cumulative from 1 January; appropriations change at two revisions a year
// (July or August, and September or October). Consolidation pairs hold to
// the ban in every report: the city's line (cheltuieli, functionare, A,
// 65.02.04 | 66.02.06 | 68.02.05, 51.01.01) equals, measure by measure, the
// 43.10.09 revenue line (funding G) of the school(s), the hospital and the
// social directorate respectively; with several schools (Scale > 1) the
// city's 65.02.04 line is the sum of the schools' lines, since a report
// holds one line per classification.
//
// The revised report budget/2025-06-rectificat.csv repeats June 2025 with
// report_date 2025-07-25 and the payments of five expense lines and one
// revenue line of the city corrected (halfway to July's, so the series stays
// cumulative). Generate returns it right after budget/2025-07.csv: a late
// correction the loader must apply over the older June report.
//
// # Planted red flags
//
// Planted in every year YYYY from 2022 (yy = YYYY mod 100) up to AsOf, with
// the same ids, suppliers and amounts for every seed:
//
//  1. Threshold clustering: direct purchases DA9yy10001..DA9yy10006
//     (DA92410001..DA92410006 in 2024) by the city (9991004) from
//     "Vest Business Consulting SRL" (CUI 90123459), CPV 79411000-8, each
//     worth 262,000.00–270,099.99 lei, just under the 270,120 lei threshold.
//  2. Contract splitting: direct purchases DA9yy20001..DA9yy20005 by
//     Școala Gimnazială nr. 1 Demo (9991012) from "Tehno Digital Distribution
//     SRL" (CUI 90234562), CPV 30213100-6 and 30213000-5 (class 3021), within
//     30 days from the 2nd working day of May, each 98,000–140,000 lei,
//     together above the threshold.
//  3. Single-offer series: procedure awards CAN9yy3001..CAN9yy3006 by the city
//     (9991004) to "Drumuri Bega Construct SA" (CUI 90345676), CPV 45233140-2,
//     3–9 million lei each, every one with a single offer, against a base rate
//     of about 20 % single offers in the other competitive procedures.
//  4. Dominant supplier: "Alimentara Prodcom Banat SRL" (CUI 90456780) wins
//     half of the social directorate's (9991039) direct purchases, three
//     quarters of its procedure awards and all its framework agreements:
//     55–80 % of the directorate's awarded value each year.
//
// # Investments, procurement and requests
//
// About 40×Scale objectives move from planificat to în execuție to finalizat
// (a few suspendat or anulat); spent_to_date is the sum of spent_year; every
// objective whose works started has 1–3 works contracts (procedure awards,
// CPV division 45) carrying its code. About 8,000×Scale awards a year, ~85 %
// direct purchases, from a pool of 1,500×Scale fictional companies (fiscal
// codes 91xxxxxx with valid check digits) whose wins follow a Zipf law; CPV
// codes are copied from a real SICAP sample. About 14,900×Scale requests a
// year, registered on working days, with the channel and type mix of a large
// town hall and 4–8 % answered after the legal term.
//
// # The demo county
//
// With Options.County, Generate writes "Județul Demo" (county code DM)
// instead: the county council (9992000, kind județ) with two subordinate
// units, Spitalul Clinic Județean de Urgență Demo (9992018) and Direcția
// Generală de Asistență Socială și Protecția Copilului Demo (9992026), then
// Options.Units administrative units (DefaultUnits, 15, when zero; MinUnits
// to MaxUnits): two municipalities, three towns and the rest communes, with
// fictional names ("Comuna Teiu Demo"), fiscal codes from body 999210 and
// SIRUTA codes from 999801. Each administrative unit is an authority of its
// own, with no parent: consolidation stays per authority, and a county total
// is a sum of separate budgets. A unit's 2021 population is a draw from the
// census populations of its kind (models/catalogue/uat_2021.csv), declining
// 0.2–1.2 % a year; the council's is the county's.
//
// Every authority goes through the same generators as the city, scaled by
// its population (the council by a quarter of the county's): its budget,
// about 40×Scale investment objectives per 250,000 inhabitants (at least
// two), awards and requests in proportion. What differs between the units is
// drawn once per unit: the share of each expense line paid (70–100 % of the
// city's), the own revenues (local taxes, fees, property income: 0.4–1.6
// times), the share of direct purchases among its awards (72–98 %) and the
// departments' share of late answers (0.4–3.5 times). Each authority's budget
// and investments draw from a stream of their own; the red flags are
// planted on the council (no splitting: it runs no school).
//
// Nothing in the demo is personal data: no names of people, no CNP, no
// e-mail addresses or phone numbers.
package demo
