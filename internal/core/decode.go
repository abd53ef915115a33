package core

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Result is the decoded success body of a create call.
type Result struct {
	RequestID       string
	FlowLogID       string
	ResourceGroupID string
	// Success is the body's Success field ("true" or true); true when the
	// service left it out of a 2xx body.
	Success bool
}

// wireResult is the success body, in JSON or XML (any root element).
type wireResult struct {
	RequestID       string   `json:"RequestId" xml:"RequestId"`
	FlowLogID       string   `json:"FlowLogId" xml:"FlowLogId"`
	ResourceGroupID string   `json:"ResourceGroupId" xml:"ResourceGroupId"`
	Success         flexBool `json:"Success" xml:"Success"`
}

// flexBool takes a boolean sent as true/false or as the string
// "true"/"false", and remembers whether the document had one at all.
type flexBool struct{ set, value bool }

func (b *flexBool) UnmarshalJSON(data []byte) error {
	s := string(data)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	return b.parse(s)
}

func (b *flexBool) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	return b.parse(strings.TrimSpace(s))
}

func (b *flexBool) parse(s string) error {
	b.set = true
	switch strings.ToLower(s) {
	case "true":
		b.value = true
	case "false", "null", "":
		b.value = false
	default:
		return fmt.Errorf("field Success: %q is not a boolean", s)
	}
	return nil
}

// errNoFlowLogID reports a 2xx body that decoded but named no flow log.
var errNoFlowLogID = errors.New("response has no FlowLogId")

// decodeResult decodes a 2xx body, in JSON or XML.
func decodeResult(body []byte) (*Result, error) {
	var w wireResult
	if err := unmarshal(body, &w); errors.Is(err, errNotDocument) {
		return nil, fmt.Errorf("response body is neither JSON nor XML: %s", excerpt(body))
	} else if err != nil {
		return nil, fmt.Errorf("decode response body: %w", err)
	}
	if w.FlowLogID == "" {
		return nil, errNoFlowLogID
	}
	r := &Result{RequestID: w.RequestID, FlowLogID: w.FlowLogID, ResourceGroupID: w.ResourceGroupID, Success: true}
	if w.Success.set {
		r.Success = w.Success.value
	}
	return r, nil
}

// wireError is the error body, in JSON or XML (root <Error>).
type wireError struct {
	RequestID string `json:"RequestId" xml:"RequestId"`
	HostID    string `json:"HostId" xml:"HostId"`
	Code      string `json:"Code" xml:"Code"`
	Message   string `json:"Message" xml:"Message"`
	Recommend string `json:"Recommend" xml:"Recommend"`
}

// decodeError turns a non-2xx response into an *APIError. A body that is not
// an error document still gives one, with the status and an excerpt.
func decodeError(status int, header http.Header, body []byte) *APIError {
	var w wireError
	err := unmarshal(body, &w)
	e := &APIError{HTTPStatus: status}
	if err == nil && (w.Code != "" || w.RequestID != "") {
		e.Code, e.Message, e.RequestID, e.HostID, e.Recommend = w.Code, w.Message, w.RequestID, w.HostID, w.Recommend
	} else if len(bytes.TrimSpace(body)) == 0 {
		e.Message = http.StatusText(status) + " with an empty body"
	} else {
		e.Message = "unexpected response body: " + excerpt(body)
	}
	if e.RequestID == "" {
		e.RequestID = header.Get("x-acs-request-id")
	}
	return e
}

// flatDecoder is a document type that flatXML can fill. decodeFlat reports
// false when the body is not flat, having changed nothing.
type flatDecoder interface {
	decodeFlat(body []byte) (bool, error)
}

func (w *wireResult) decodeFlat(body []byte) (bool, error) {
	var success []byte
	ok := flatXML(body, func(name, text []byte) {
		switch string(name) {
		case "RequestId":
			w.RequestID = string(text)
		case "FlowLogId":
			w.FlowLogID = string(text)
		case "ResourceGroupId":
			w.ResourceGroupID = string(text)
		case "Success":
			success = text
		}
	})
	if !ok || success == nil {
		return ok, nil
	}
	return true, w.Success.parse(strings.TrimSpace(string(success)))
}

func (w *wireError) decodeFlat(body []byte) (bool, error) {
	return flatXML(body, func(name, text []byte) {
		switch string(name) {
		case "RequestId":
			w.RequestID = string(text)
		case "HostId":
			w.HostID = string(text)
		case "Code":
			w.Code = string(text)
		case "Message":
			w.Message = string(text)
		case "Recommend":
			w.Recommend = string(text)
		}
	}), nil
}

// errNotDocument reports a body that is neither JSON nor XML.
var errNotDocument = errors.New("not a JSON or XML document")

// unmarshal decodes body into v as JSON or XML, told apart by the first
// byte that is not white space (or a byte-order mark), not by the Format
// that was asked for or the Content-Type.
func unmarshal(body []byte, v any) error {
	b := bytes.TrimLeft(body, " \t\r\n\ufeff")
	switch {
	case len(b) > 0 && b[0] == '{':
		return json.Unmarshal(b, v)
	case len(b) > 0 && b[0] == '<':
		if f, ok := v.(flatDecoder); ok {
			if ok, err := f.decodeFlat(b); ok {
				return err
			}
		}
		return xml.Unmarshal(b, v)
	}
	return errNotDocument
}

// excerptLen is the most bytes of a body an error message quotes.
const excerptLen = 256

// excerpt returns a short, printable, quoted excerpt of body: at most
// excerptLen bytes, white space runs collapsed, other unprintable runes
// replaced, "..." appended when cut.
func excerpt(body []byte) string {
	var b strings.Builder
	space := false
	for len(body) > 0 && b.Len() < excerptLen {
		r, n := utf8.DecodeRune(body)
		body = body[n:]
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == utf8.RuneError || !unicode.IsPrint(r):
			r = '?'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	s := b.String()
	if len(body) > 0 {
		s += "..."
	}
	return fmt.Sprintf("%q", s)
}
