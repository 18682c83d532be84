package models

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
)

// catalogue/ro_cpi_eur_annual.csv is Deschis's copy of Romania's consumer
// price index by year (2024 = 100; INSSE, Institutul Național de
// Statistică, rebased from its annual inflation rates) and the National
// Bank's (BNR) annual average RON/EUR exchange rate: the reference data of
// the EUR and inflation-adjusted views. A year the file has no figure for
// (the CPI for 2025 and later) has no view: the pages say so rather than
// guess.
//
//go:embed catalogue/ro_cpi_eur_annual.csv
var pricesCSV string

// Prices are the figures of one year: the CPI in tenths of a point (568 for
// 56.8; 0 when unknown) and the lei a euro cost on average, in ten
// thousandths (42099 for 4.2099; 0 when unknown).
type Prices struct {
	CPITenths  int64
	RONPerEUR4 int64
}

// PricesBase is the year the CPI is 100 in: inflation-adjusted figures are
// in lei at its prices.
const PricesBase = 2024

var prices = func() map[int]Prices {
	rows, err := csv.NewReader(strings.NewReader(pricesCSV)).ReadAll()
	if err != nil || len(rows) < 2 {
		panic(fmt.Sprintf("models: catalogue/ro_cpi_eur_annual.csv: %v", err))
	}
	out := map[int]Prices{}
	for _, r := range rows[1:] {
		y, err := strconv.Atoi(r[0])
		if err != nil {
			panic("models: catalogue/ro_cpi_eur_annual.csv: year " + r[0])
		}
		out[y] = Prices{CPITenths: fixed(r[1], 1), RONPerEUR4: fixed(r[2], 4)}
	}
	if out[PricesBase].CPITenths != 1000 {
		panic("models: catalogue/ro_cpi_eur_annual.csv: the CPI of the base year is not 100")
	}
	return out
}()

// fixed reads a decimal text ("56.8", "4.2099") as an integer of its
// decimals; 0 for an empty one.
func fixed(s string, decimals int) int64 {
	if s == "" {
		return 0
	}
	whole, frac, _ := strings.Cut(s, ".")
	for len(frac) < decimals {
		frac += "0"
	}
	n, err := strconv.ParseInt(whole+frac[:decimals], 10, 64)
	if err != nil {
		panic("models: catalogue/ro_cpi_eur_annual.csv: value " + s)
	}
	return n
}

// InEUR converts lei (bani) of year to euro cents at that year's average
// exchange rate, rounded half up; ok is false for a year without a rate.
func InEUR(a Amount, year int) (Amount, bool) {
	r := prices[year].RONPerEUR4
	if r == 0 {
		return 0, false
	}
	return Amount(roundDiv(int64(a)*10_000, r)), true
}

// AtBasePrices converts lei of year to lei at PricesBase prices (a × CPI of
// the base year / CPI of year), rounded half up to the ban; ok is false for
// a year the CPI does not cover.
func AtBasePrices(a Amount, year int) (Amount, bool) {
	c := prices[year].CPITenths
	if c == 0 {
		return 0, false
	}
	return Amount(roundDiv(int64(a)*prices[PricesBase].CPITenths, c)), true
}

// PricesOf are the figures of year (zero fields when unknown).
func PricesOf(year int) Prices { return prices[year] }

// roundDiv divides rounding half away from zero (d > 0).
func roundDiv(n, d int64) int64 {
	if n < 0 {
		return -((2*abs(n) + d) / (2 * d))
	}
	return (2*n + d) / (2 * d)
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
