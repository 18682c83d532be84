package rules

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Source encodings a mapping can name (source.encoding).
const (
	EncodingAuto    = "auto"
	EncodingUTF8    = "utf-8"
	EncodingWin1250 = "windows-1250"
	EncodingLatin2  = "iso-8859-2"
)

// ErrInvalidUTF8 is returned by the reader of an explicit utf-8 source at the
// first byte that is not UTF-8: the file is refused, not half read.
var ErrInvalidUTF8 = errors.New("invalid UTF-8")

// Decode returns a reader of r's text in UTF-8.
//
//   - utf-8: a BOM is dropped; the first invalid byte fails the read.
//   - windows-1250, iso-8859-2: converted byte by byte.
//   - auto: a UTF-8 BOM means UTF-8, a UTF-16 BOM (Excel's "Unicode text")
//     means UTF-16; otherwise the text is read as UTF-8 until the first byte
//     above ASCII, which decides: a valid UTF-8 sequence means UTF-8, anything
//     else Windows-1250, the code page of Romanian Windows. The decision needs
//     no look-ahead, so a 5-million-row file streams. Invalid bytes after a
//     UTF-8 decision pass through and make their cells rejects.
//
// The legacy code pages have only the cedilla ş ţ (Romanian Windows typed
// them for ș ț): their decoders write the comma-below letters directly, so
// the hot path never rewrites a string. UTF-8 text with cedillas is fixed by
// ingest.Finish, and headers and value maps compare with
// rules.Fold, which treats both forms alike.
func Decode(r io.Reader, encoding string) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	switch encoding {
	case EncodingWin1250:
		return transform.NewReader(br, win1250())
	case EncodingLatin2:
		return transform.NewReader(br, latin2())
	case EncodingUTF8:
		skipBOM(br)
		return &utf8Reader{r: br, strict: true}
	}
	if b, _ := br.Peek(2); len(b) == 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return transform.NewReader(br, unicode.BOMOverride(unicode.UTF8.NewDecoder()))
	}
	skipBOM(br)
	return &utf8Reader{r: br}
}

// DecodePart is Decode for a part of a text that starts after its first
// byte, at a line break: no BOM is dropped and nothing is sniffed, so only
// the encodings a mapping names decode a part alone (ok false for auto,
// whose encoding the text's start decides).
func DecodePart(r io.Reader, encoding string) (_ io.Reader, ok bool) {
	if !DecodesParts(encoding) {
		return nil, false
	}
	br := bufio.NewReaderSize(r, 64<<10)
	switch encoding {
	case EncodingWin1250:
		return transform.NewReader(br, win1250()), true
	case EncodingLatin2:
		return transform.NewReader(br, latin2()), true
	case EncodingUTF8:
		return &utf8Reader{r: br, strict: true}, true
	}
	return nil, false
}

// DecodesParts reports whether DecodePart decodes a part in encoding.
func DecodesParts(encoding string) bool {
	return encoding == EncodingWin1250 || encoding == EncodingLatin2 || encoding == EncodingUTF8
}

func skipBOM(br *bufio.Reader) {
	if b, _ := br.Peek(3); bytes.Equal(b, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
}

// utf8Reader passes UTF-8 through. strict: the first invalid byte is an
// error. Otherwise (auto) the first non-ASCII byte decides between UTF-8 and
// Windows-1250.
type utf8Reader struct {
	r       *bufio.Reader
	strict  bool
	decided bool
	cp1250  io.Reader
	pending []byte // bytes of a rune split by the previous Read (strict mode)
	lines   int    // newlines passed (strict mode), to say where the bad byte is
}

// InvalidUTF8Error says on which line an explicit utf-8 source stops being UTF-8.
type InvalidUTF8Error struct{ Line int }

func (e *InvalidUTF8Error) Error() string { return "invalid UTF-8" }
func (e *InvalidUTF8Error) Unwrap() error { return ErrInvalidUTF8 }

func (u *utf8Reader) Read(p []byte) (int, error) {
	if u.cp1250 != nil {
		return u.cp1250.Read(p)
	}
	if !u.decided && !u.strict {
		// Pass ASCII through until the first high byte, then decide.
		b, err := u.r.Peek(1)
		if err != nil {
			return 0, err
		}
		if b[0] >= utf8.RuneSelf {
			seq, _ := u.r.Peek(utf8.UTFMax)
			if r, _ := utf8.DecodeRune(seq); r == utf8.RuneError {
				u.cp1250 = transform.NewReader(u.r, win1250())
				return u.cp1250.Read(p)
			}
			u.decided = true
			return u.r.Read(p)
		}
		n := u.r.Buffered()
		if n > len(p) {
			n = len(p)
		}
		buf, _ := u.r.Peek(n)
		k := 0
		for k < len(buf) && buf[k] < utf8.RuneSelf {
			k++
		}
		copy(p, buf[:k])
		u.r.Discard(k)
		return k, nil
	}
	n, err := u.r.Read(p)
	if u.strict && n > 0 {
		// A rune may straddle two reads: validate up to the last complete one.
		chunk := p[:n]
		if len(u.pending) > 0 {
			chunk = append(u.pending, chunk...)
			u.pending = u.pending[:0]
		}
		end := len(chunk)
		for k := 1; k <= utf8.UTFMax-1 && k <= len(chunk); k++ {
			if utf8.RuneStart(chunk[len(chunk)-k]) {
				if !utf8.FullRune(chunk[len(chunk)-k:]) {
					end = len(chunk) - k
				}
				break
			}
		}
		if !utf8.Valid(chunk[:end]) {
			i := 0
			for i < end {
				r, size := utf8.DecodeRune(chunk[i:end])
				if r == utf8.RuneError && size <= 1 {
					break
				}
				i += size
			}
			return 0, &InvalidUTF8Error{Line: u.lines + 1 + bytes.Count(chunk[:i], []byte{'\n'})}
		}
		u.lines += bytes.Count(chunk[:end], []byte{'\n'})
		u.pending = append(u.pending, chunk[end:]...)
	}
	if err == io.EOF && len(u.pending) > 0 {
		return n, &InvalidUTF8Error{Line: u.lines + 1} // the file ends inside a rune
	}
	return n, err
}

// singleByte decodes a single-byte code page to UTF-8 through a table, with
// the cedilla letters replaced by the comma-below ones.
type singleByte struct {
	utf8 [256][4]byte
	size [256]uint8
}

var (
	win1250 = sync.OnceValue(func() *singleByte { return newSingleByte(charmap.Windows1250) })
	latin2  = sync.OnceValue(func() *singleByte { return newSingleByte(charmap.ISO8859_2) })
)

func newSingleByte(cm *charmap.Charmap) *singleByte {
	comma := map[rune]rune{'ş': 'ș', 'ţ': 'ț', 'Ş': 'Ș', 'Ţ': 'Ț'}
	d := &singleByte{}
	for b := 0; b < 256; b++ {
		r := cm.DecodeByte(byte(b))
		if c, ok := comma[r]; ok {
			r = c
		}
		d.size[b] = uint8(utf8.EncodeRune(d.utf8[b][:], r))
	}
	return d
}

func (d *singleByte) Reset() {}

func (d *singleByte) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			nSrc++
			continue
		}
		n := int(d.size[c])
		if nDst+n > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		copy(dst[nDst:], d.utf8[c][:n])
		nDst += n
		nSrc++
	}
	return nDst, nSrc, nil
}

// A wrong declared encoding shows in the text: ISO-8859-2 has no characters
// at 0x80–0x9F, where Windows-1250 has – „ ” and the like, so its decoder
// gives U+FFFD for them; Windows-1250 has five bytes it does not define; and
// text already converted wrongly before the export carries C1 control
// characters (U+0080–U+009F) or U+FFFD. A cell read with either is rejected,
// with the encoding to declare, rather than loaded with its text corrupted.

// Misdecoded returns the first C1 control or replacement character of s.
func Misdecoded(s string) (rune, bool) {
	// Two vectorised scans: most cells have neither lead byte.
	for i := strings.IndexByte(s, 0xC2); i >= 0; {
		if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F { // U+0080–U+009F are C2 80 – C2 9F
			return rune(s[i+1]), true
		}
		j := strings.IndexByte(s[i+1:], 0xC2)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if strings.Contains(s, "\uFFFD") {
		return utf8.RuneError, true
	}
	return 0, false
}

// SkipBOM drops a UTF-8 byte order mark at the start of br.
func SkipBOM(br *bufio.Reader) { skipBOM(br) }

// Delimiters are the field separators SniffDelimiter chooses from: comma,
// semicolon (Excel on a Romanian Windows), TAB, pipe, and the caret of
// data.gov.ro's SICAP files.
var Delimiters = [...]byte{',', ';', '\t', '|', '^'}

// SniffDelimiter counts the Delimiters outside quotes on the header line
// (headerRow, 1-based; the first non-blank line from it on, the first
// non-blank line at all for 0) of the head of a decoded file, and takes the
// most frequent; a tie goes to the earlier one, a line with none to ','.
func SniffDelimiter(b []byte, headerRow int) rune {
	var counts [len(Delimiters)]int
	line, quoted, content := 1, false, false
	for _, c := range b {
		counting := line >= headerRow
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n':
			if !quoted && counting && content {
				goto done
			}
			line++
			continue
		case counting && !quoted:
			for i, d := range Delimiters {
				if c == d {
					counts[i]++
				}
			}
		}
		if counting && c != ' ' && c != '\r' {
			content = true
		}
	}
done:
	best := 0
	for i := range counts {
		if counts[i] > counts[best] {
			best = i
		}
	}
	return rune(Delimiters[best])
}
