package core

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// FuzzDecode feeds arbitrary bodies and statuses to the decoders: they never
// panic; a 2xx gives a Result with a FlowLogID or an error, anything else an
// *APIError that keeps the status and whose text is printable and short
// when the body was not an error document. Content-Type plays no part: the
// decoders look at the body.
func FuzzDecode(f *testing.F) {
	seeds := []struct {
		status int
		body   string
	}{
		{200, `{"RequestId":"R","FlowLogId":"fl-1","Success":"true"}`},
		{200, `<CreateFlowLogResponse><RequestId>R</RequestId><FlowLogId>fl</FlowLogId><Success>true</Success></CreateFlowLogResponse>`},
		{200, `{"FlowLogId":"fl","Success":tru`},
		{200, `{"FlowLogId":7}`},
		{200, "\ufeff<a><FlowLogId>x</FlowLogId></a>"},
		{400, `{"RequestId":"R","Code":"Throttling.User","Message":"m","HostId":"h","Recommend":"r"}`},
		{400, `<Error><Code>INVALID_PARAMETER</Code><Message>m</Message></Error>`},
		{502, "<html><body>Bad Gateway</body></html>"},
		{503, ""},
		{500, "\x00\xff\xfe binary"},
		{302, `{"Code":["not","a","string"]}`},
	}
	for _, s := range seeds {
		f.Add(s.status, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 999 {
			return // net/http delivers only three-digit statuses
		}
		if status >= 200 && status < 300 {
			res, err := decodeResult(body)
			if err != nil {
				require.Nil(t, res)
				return
			}
			require.NotEmpty(t, res.FlowLogID)
			return
		}
		e := decodeError(status, http.Header{}, body)
		require.NotNil(t, e)
		require.Equal(t, status, e.HTTPStatus)
		require.NotEmpty(t, e.Error())
		if e.Code == "" && e.RequestID == "" {
			require.True(t, utf8.ValidString(e.Message))
			require.LessOrEqual(t, len(e.Message), len("unexpected response body: ")+4*excerptLen+16)
			require.False(t, strings.ContainsAny(e.Message, "\x00\r\n"))
		}
	})
}
