package models

import "strings"

// The English names of the budget classification's chapters and economic
// titles, for the English pages (the catalogue's names are the Romanian
// ones of Ordinul MFP 1954/2005). The expense subchapters are in
// classification_subchapters_en.go; revenue subchapters and paragraphs have
// no English form yet (no page shows them).
var (
	chapterEN = map[string]string{
		"01": "Corporate income tax",
		"02": "Other taxes on income, profits and capital gains of legal persons",
		"03": "Personal income tax",
		"04": "Shares and amounts allocated from personal income tax",
		"05": "Other taxes on income, profits and capital gains",
		"06": "Payroll tax",
		"07": "Property taxes",
		"10": "Value added tax",
		"11": "Amounts allocated from VAT",
		"12": "Other general taxes on goods and services",
		"14": "Excise duties",
		"15": "Taxes on specific services",
		"16": "Taxes on the use of goods and on permits to use goods or carry out activities",
		"17": "Revenue of the European Union's own resources",
		"18": "Other taxes",
		"20": "Employers' contributions",
		"21": "Insured persons' contributions",
		"30": "Property income",
		"31": "Interest income",
		"33": "Income from services and other activities",
		"34": "Administrative fees and permits",
		"35": "Fines, penalties and confiscations",
		"36": "Miscellaneous revenue",
		"37": "Voluntary transfers other than grants",
		"38": "Additional revenue collected through digitalisation",
		"39": "Income from the sale of assets",
		"40": "Repayments of loans granted",
		"41": "Other financial operations",
		"42": "Grants from the state budget",
		"43": "Grants from other administrations",
		"44": "Donations from abroad",
		"45": "Amounts received from the EU and other donors for payments made and pre-financing",
		"46": "Other amounts received from the EU",
		"47": "Amounts being distributed",
		"48": "Amounts received from the EU and other donors for payments made and pre-financing, 2014–2020 financial framework",
		"49": "Non-reimbursable financial assistance for the Recovery and Resilience Plan (PNRR)",
		"50": "Part I: General public services",
		"51": "Public authorities and external affairs",
		"53": "Basic research and research and development",
		"54": "Other general public services",
		"55": "Public debt transactions and borrowing",
		"56": "General transfers between levels of government",
		"59": "Part II: Defence, public order and national security",
		"60": "Defence",
		"61": "Public order and national security",
		"63": "Part III: Social and cultural expenditure",
		"64": "Wage claims guarantee fund",
		"65": "Education",
		"66": "Health",
		"67": "Culture, recreation and religion",
		"68": "Social insurance and social assistance",
		"69": "Insurance and assistance for work accidents and occupational diseases",
		"70": "Housing, services and public development",
		"74": "Environmental protection",
		"79": "Part V: Economic affairs",
		"80": "General economic, commercial and labour affairs",
		"81": "Fuel and energy",
		"82": "Mining, manufacturing and construction",
		"83": "Agriculture, forestry, fishing and hunting",
		"84": "Transport",
		"85": "Communications",
		"86": "Economic research and development",
		"87": "Other economic affairs",
		"88": "Expenditure from amounts left unused in the previous year",
		"96": "Part VII: Reserves, surplus and deficit",
		"97": "Reserves",
		"98": "Surplus",
		"99": "Deficit",
	}
	titleEN = map[string]string{
		"00": "No economic classification",
		"10": "Staff costs",
		"20": "Goods and services",
		"30": "Interest",
		"40": "Subsidies",
		"50": "Reserve funds",
		"51": "Transfers between public administration units",
		"55": "Other transfers",
		"56": "Projects financed from non-reimbursable external funds (post-accession)",
		"57": "Social assistance",
		"58": "Projects financed from non-reimbursable external funds, 2014–2020 financial framework, and the Modernisation Fund",
		"59": "Other expenditure",
		"60": "Projects financed from the non-reimbursable assistance of the Recovery and Resilience Plan (PNRR)",
		"61": "Projects financed from the loan component of the Recovery and Resilience Plan (PNRR)",
		"65": "Expenditure on programmes with reimbursable financing",
		"70": "Capital expenditure",
		"71": "Non-financial assets",
		"72": "Financial assets",
		"75": "National development fund",
		"79": "Financial operations",
		"80": "Loans",
		"81": "Loan repayments",
		"82": "Operations being clarified",
		"85": "Payments made in previous years and recovered in the current year",
		"90": "Reserves, surplus and deficit",
	}
)

// ChapterNameEN is the English name of the functional chapter of code
// ("65", "65.02" or "65.02.03": chapter 65), "" when unknown.
func ChapterNameEN(code string) string {
	c, _, _ := strings.Cut(code, ".")
	return chapterEN[c]
}

// EconomicTitleNameEN is the English name of the economic title of code
// ("10" or "10.01.01": title 10), "" when unknown.
func EconomicTitleNameEN(code string) string {
	c, _, _ := strings.Cut(code, ".")
	return titleEN[c]
}
