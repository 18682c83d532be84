package demo

import "time"

// day is a civil date counted in days since 1970-01-01. The generators work on
// day numbers so that the hot loops never build a time.Time: adding days is an
// addition and formatting is a table lookup.
type day int32

// mkday returns the day number of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
func mkday(y, m, d int) day {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// civil is the inverse of mkday.
func (d day) civil() (y, m, dd int) {
	z := int(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	dd = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, dd
}

func (d day) year() int { y, _, _ := d.civil(); return y }

func (d day) month() int { _, m, _ := d.civil(); return m }

// weekday: 1970-01-01 was a Thursday.
func (d day) weekday() time.Weekday { return time.Weekday((int(d)%7 + 7 + 4) % 7) }

func (d day) time() time.Time {
	y, m, dd := d.civil()
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return mkday(y, int(m), d)
}

// appendDate appends d as YYYY-MM-DD.
func appendDate(b []byte, d day) []byte {
	y, m, dd := d.civil()
	return append(b,
		byte('0'+y/1000%10), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-',
		byte('0'+dd/10), byte('0'+dd%10))
}

// calendar knows the Romanian working days of a range of years: weekends and
// the legal holidays of the Labour Code (art. 139), including the Orthodox
// Easter and Pentecost holidays, are days off. Requests are registered and
// reports drawn up only on working days.
type calendar struct {
	first, last day // inclusive
	off         []bool
}

func newCalendar(fromYear, toYear int) *calendar {
	c := &calendar{first: mkday(fromYear, 1, 1), last: mkday(toYear, 12, 31)}
	c.off = make([]bool, int(c.last-c.first)+1)
	for d := c.first; d <= c.last; d++ {
		if wd := d.weekday(); wd == time.Saturday || wd == time.Sunday {
			c.off[d-c.first] = true
		}
	}
	for y := fromYear; y <= toYear; y++ {
		fixed := [][2]int{{1, 1}, {1, 2}, {1, 24}, {5, 1}, {6, 1}, {8, 15}, {11, 30}, {12, 1}, {12, 25}, {12, 26}}
		if y >= 2024 { // Boboteaza and Sfântul Ioan became holidays in 2024 (Law 52/2023).
			fixed = append(fixed, [2]int{1, 6}, [2]int{1, 7})
		}
		for _, md := range fixed {
			c.off[mkday(y, md[0], md[1])-c.first] = true
		}
		e := orthodoxEaster(y)
		for _, off := range []int{-2, 0, 1, 49, 50} { // Good Friday, Easter, Easter Monday, Pentecost, Whit Monday
			c.off[e+day(off)-c.first] = true
		}
	}
	return c
}

// orthodoxEaster returns the Orthodox Easter Sunday of year y (Meeus' Julian
// algorithm, shifted by the 13 days between the calendars in 1900–2099).
func orthodoxEaster(y int) day {
	a, b, c := y%4, y%7, y%19
	d := (19*c + 15) % 30
	e := (2*a + 4*b - d + 34) % 7
	month := (d + e + 114) / 31
	dd := (d+e+114)%31 + 1
	return mkday(y, month, dd) + 13
}

func (c *calendar) working(d day) bool {
	if d < c.first || d > c.last {
		wd := d.weekday()
		return wd != time.Saturday && wd != time.Sunday
	}
	return !c.off[d-c.first]
}

// nextWorking returns d when it is a working day, otherwise the next one.
func (c *calendar) nextWorking(d day) day {
	for !c.working(d) {
		d++
	}
	return d
}

// nthWorkingDay returns the n-th (1-based) working day of a month.
func (c *calendar) nthWorkingDay(y, m, n int) day {
	d := mkday(y, m, 1)
	for {
		if c.working(d) {
			n--
			if n == 0 {
				return d
			}
		}
		d++
	}
}

// workingDays lists the working days from..to inclusive.
func (c *calendar) workingDays(from, to day) []day {
	var out []day
	for d := from; d <= to; d++ {
		if c.working(d) {
			out = append(out, d)
		}
	}
	return out
}
