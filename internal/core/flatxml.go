package core

import (
	"bytes"
	"unicode/utf8"
)

// flatXML reads the shape every success and error document of these APIs
// has: an optional plain XML declaration (version 1.0, UTF-8), one root
// element without attributes, and child elements without attributes that
// hold plain text (no markup, entities, CDATA or carriage returns). It calls
// set for each child, in order, and reports true; for anything else it
// reports false having set nothing, and the caller falls back to
// encoding/xml, which gives the same values for every document this accepts
// (FuzzFlatXML checks that). It exists because encoding/xml costs dozens of
// allocations for a five-field document.
func flatXML(body []byte, set func(name, text []byte)) bool {
	b := skipSpace(bytes.TrimPrefix(body, []byte("\ufeff")))
	if bytes.HasPrefix(b, []byte("<?")) {
		end := bytes.Index(b, []byte("?>"))
		if end < 0 || !plainDeclaration(b[:end+2]) {
			return false
		}
		b = skipSpace(b[end+2:])
	}
	root, b, ok := openTag(b)
	if !ok {
		return false
	}
	// The first pass checks the whole document, so that one that turns out
	// not to be flat sets nothing; the second sets.
	for pass := 0; pass < 2; pass++ {
		rest := skipSpace(b)
		for {
			if name, after, ok := closeTag(rest); ok {
				if !bytes.Equal(name, root) || len(skipSpace(after)) != 0 {
					return false
				}
				break
			}
			name, after, ok := openTag(rest)
			if !ok {
				return false
			}
			end := bytes.IndexByte(after, '<')
			if end < 0 {
				return false
			}
			text := after[:end]
			if !plainText(text) {
				return false
			}
			cname, after, ok := closeTag(after[end:])
			if !ok || !bytes.Equal(cname, name) {
				return false
			}
			if pass == 1 {
				set(name, text)
			}
			rest = skipSpace(after)
		}
	}
	return true
}

// plainText reports whether text is character data that encoding/xml takes
// as it is: valid UTF-8 of XML characters, without '&', '>' or '\r' (which
// it would unescape or normalise).
func plainText(text []byte) bool {
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		switch {
		case r == utf8.RuneError && n <= 1,
			r == '&', r == '>', r == '\r',
			r < 0x20 && r != '\t' && r != '\n',
			r == 0xFFFE, r == 0xFFFF:
			return false
		}
		text = text[n:]
	}
	return true
}

// plainDeclaration reports whether decl is <?xml version="1.0"?> with an
// optional encoding="UTF-8", quotes of either kind, names in any case.
func plainDeclaration(decl []byte) bool {
	d := string(bytes.ToLower(bytes.ReplaceAll(decl, []byte("'"), []byte(`"`))))
	return d == `<?xml version="1.0"?>` || d == `<?xml version="1.0" encoding="utf-8"?>`
}

// openTag reads "<Name>" at the start of b.
func openTag(b []byte) (name, rest []byte, ok bool) {
	if len(b) < 3 || b[0] != '<' {
		return nil, nil, false
	}
	n := xmlName(b[1:])
	if n == 0 || 1+n >= len(b) || b[1+n] != '>' {
		return nil, nil, false
	}
	return b[1 : 1+n], b[2+n:], true
}

// closeTag reads "</Name>" at the start of b.
func closeTag(b []byte) (name, rest []byte, ok bool) {
	if len(b) < 4 || b[0] != '<' || b[1] != '/' {
		return nil, nil, false
	}
	n := xmlName(b[2:])
	if n == 0 || 2+n >= len(b) || b[2+n] != '>' {
		return nil, nil, false
	}
	return b[2 : 2+n], b[3+n:], true
}

// xmlName returns the length of the ASCII element name at the start of b.
func xmlName(b []byte) int {
	for i, c := range b {
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', c == '_':
		case i > 0 && ('0' <= c && c <= '9' || c == '-' || c == '.'):
		default:
			return i
		}
	}
	return len(b)
}

func skipSpace(b []byte) []byte { return bytes.TrimLeft(b, " \t\r\n") }
