package emulator

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
)

// xmlDecl is the declaration that starts every XML body.
const xmlDecl = `<?xml version="1.0" encoding="UTF-8"?>`

// The Content-Type values of the bodies.
const (
	contentJSON = "application/json;charset=utf-8"
	contentXML  = "text/xml;charset=utf-8"
	contentHTML = "text/html"
)

// apiError is an error the gateway answers with.
type apiError struct {
	status        int
	code, message string
}

// missing is the error for a mandatory parameter that was not supplied.
func missing(name string) *apiError {
	return &apiError{400, "MissingParameter",
		`The input parameter "` + name + `" that is mandatory for processing this request is not supplied.`}
}

// actionNotFound is the error for an action the server does not serve.
func actionNotFound() *apiError {
	return &apiError{404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."}
}

// invalidVersion is the error for an API version other than the product's;
// name is where the version was expected (Version or x-acs-version).
func invalidVersion(name string) *apiError {
	return &apiError{400, "InvalidVersion", "Specified parameter " + name + " is not valid."}
}

// accessKeyNotFound is the error for an AccessKeyId the server does not
// know.
func accessKeyNotFound() *apiError {
	return &apiError{404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."}
}

// signatureMismatch is the error for a signature other than the server's;
// the message ends with the server's string to sign, as the gateway's does.
func signatureMismatch(stringToSign string) *apiError {
	return &apiError{400, "SignatureDoesNotMatch",
		"Specified signature is not matched with our calculation. server string to sign is:" + stringToSign}
}

// invalid is the error for a parameter whose value is not valid.
func invalid(name string) *apiError {
	return &apiError{400, "InvalidParameter", `The specified parameter "` + name + `" is not valid.`}
}

// reply is a complete response, ready to be written, truncated or dropped.
type reply struct {
	status      int
	contentType string
	body        []byte
	requestID   string // also sent as x-acs-request-id; "" for none
	code        string // error code, for the record
	allow       string // Allow header of a 405
}

// errorBody is the gateway's error document, in both formats.
type errorBody struct {
	XMLName   xml.Name `json:"-" xml:"Error"`
	RequestID string   `json:"RequestId" xml:"RequestId"`
	HostID    string   `json:"HostId" xml:"HostId"`
	Code      string   `json:"Code" xml:"Code"`
	Message   string   `json:"Message" xml:"Message"`
	Recommend string   `json:"Recommend" xml:"Recommend"`
}

// successBody is the result of both operations; ResourceGroupID is nil for
// CEN, whose result has no such field.
type successBody struct {
	XMLName         xml.Name `json:"-"`
	RequestID       string   `json:"RequestId" xml:"RequestId"`
	Success         string   `json:"Success" xml:"Success"`
	FlowLogID       string   `json:"FlowLogId" xml:"FlowLogId"`
	ResourceGroupID *string  `json:"ResourceGroupId,omitempty" xml:"ResourceGroupId,omitempty"`
}

// fail builds the error response for e in the requested format.
func (x *exchange) fail(e *apiError) reply {
	p := x.s.product
	recommend := "https://api.aliyun.com/troubleshoot?q=" + url.QueryEscape(e.code) +
		"&product=" + url.QueryEscape(p.Code) + "&requestId=" + url.QueryEscape(x.requestID)
	body := errorBody{RequestID: x.requestID, HostID: p.Host, Code: e.code, Message: e.message, Recommend: recommend}
	out := x.encode(body)
	out.status = e.status
	out.code = e.code
	return out
}

// success builds the success response.
func (x *exchange) success(flowLogID string, resourceGroupID *string) reply {
	body := successBody{
		XMLName:         xml.Name{Local: x.s.product.Action + "Response"},
		RequestID:       x.requestID,
		Success:         "true",
		FlowLogID:       flowLogID,
		ResourceGroupID: resourceGroupID,
	}
	out := x.encode(body)
	out.status = http.StatusOK
	return out
}

// encode marshals v in the exchange's format.
func (x *exchange) encode(v any) reply {
	out := reply{requestID: x.requestID}
	if x.format == "JSON" {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			panic("emulator: encoding JSON: " + err.Error())
		}
		out.contentType = contentJSON
		out.body = bytes.TrimSuffix(b.Bytes(), []byte("\n"))
		return out
	}
	b, err := xml.Marshal(v)
	if err != nil {
		panic("emulator: encoding XML: " + err.Error())
	}
	// encoding/xml also escapes quotes, which the gateway leaves as they
	// are in text; the documents have no attributes, so this is safe.
	b = bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("&#34;"), []byte(`"`)), []byte("&#39;"), []byte("'"))
	out.contentType = contentXML
	out.body = append([]byte(xmlDecl), b...)
	return out
}

// htmlBadGateway is what a proxy in front of the gateway answers when the
// gateway is unreachable; the proxy knows nothing of a RequestId.
func htmlBadGateway() reply {
	const page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
		"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n"
	return reply{status: http.StatusBadGateway, contentType: contentHTML, body: []byte(page)}
}

// write sends out as a normal response.
func (out reply) write(w http.ResponseWriter) {
	h := w.Header()
	if out.contentType != "" {
		h.Set("Content-Type", out.contentType)
	}
	if out.requestID != "" {
		h.Set("X-Acs-Request-Id", out.requestID)
	}
	if out.allow != "" {
		h.Set("Allow", out.allow)
	}
	h.Set("Content-Length", strconv.Itoa(len(out.body)))
	w.WriteHeader(out.status)
	_, _ = w.Write(out.body)
}

// hijack takes the connection over from net/http; it aborts the handler
// (net/http then closes the connection) when that is not possible.
func hijack(w http.ResponseWriter) (net.Conn, *bufio.ReadWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, rw, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	return conn, rw
}

// resetConn closes the connection with a TCP reset and no response.
func resetConn(w http.ResponseWriter) {
	conn, _ := hijack(w)
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// writeTruncated sends out's status line and headers with the full
// Content-Length, then half of its body, then closes the connection.
func writeTruncated(w http.ResponseWriter, out reply) {
	conn, rw := hijack(w)
	defer conn.Close()
	fmt.Fprintf(rw, "HTTP/1.1 %d %s\r\n", out.status, http.StatusText(out.status))
	if out.contentType != "" {
		fmt.Fprintf(rw, "Content-Type: %s\r\n", out.contentType)
	}
	if out.requestID != "" {
		fmt.Fprintf(rw, "X-Acs-Request-Id: %s\r\n", out.requestID)
	}
	fmt.Fprintf(rw, "Content-Length: %d\r\nConnection: close\r\n\r\n", len(out.body))
	_, _ = rw.Write(out.body[:len(out.body)/2])
	_ = rw.Flush()
}

// newRequestID returns the RequestId of the request arriving now. s.mu must
// be held.
func (s *Server) newRequestID() string {
	s.requestSeq++
	if s.cfg.deterministic {
		return fmt.Sprintf("00000000-0000-4000-8000-%012d", s.requestSeq)
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newFlowLogID returns the FlowLogId of the flow log created now. s.mu must
// be held.
func (s *Server) newFlowLogID() string {
	s.flowLogSeq++
	if s.cfg.deterministic {
		return fmt.Sprintf("flowlog-%020d", s.flowLogSeq)
	}
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var b [20]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return "flowlog-" + string(b[:])
}
