package core

import (
	"encoding/xml"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFlatXML(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		flat bool
	}{
		{"service success", `<?xml version='1.0' encoding='UTF-8'?><CreateFlowLogResponse><RequestId>R</RequestId><FlowLogId>fl</FlowLogId><Success>true</Success></CreateFlowLogResponse>`, true},
		{"seed example", "<CreateFlowLogResponse>\n      <RequestId>62172DD5</RequestId>\n      <FlowLogId>flowlog-m5</FlowLogId>\n</CreateFlowLogResponse>", true},
		{"empty child", `<R><RequestId></RequestId><FlowLogId>x</FlowLogId></R>`, true},
		{"non-ASCII text", `<R><FlowLogId>流日志 😀</FlowLogId></R>`, true},
		{"entity", `<R><FlowLogId>a&amp;b</FlowLogId></R>`, false},
		{"CDATA", `<Error><Recommend><![CDATA[https://x?a=1]]></Recommend></Error>`, false},
		{"attribute", `<R a="1"><FlowLogId>x</FlowLogId></R>`, false},
		{"nested", `<R><X><FlowLogId>x</FlowLogId></X></R>`, false},
		{"self-closing", `<R><FlowLogId/></R>`, false},
		{"mismatched close", `<R><FlowLogId>x</FlowLogID></R>`, false},
		{"trailing garbage", `<R><FlowLogId>x</FlowLogId></R>x`, false},
		{"truncated", `<R><FlowLogId>x</FlowLogId>`, false},
		{"other encoding", `<?xml version="1.0" encoding="GBK"?><R><FlowLogId>x</FlowLogId></R>`, false},
		{"namespace", `<a:R><FlowLogId>x</FlowLogId></a:R>`, false},
		{"comment", `<R><!-- c --><FlowLogId>x</FlowLogId></R>`, false},
		{"carriage return", "<R><FlowLogId>x\r\ny</FlowLogId></R>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var fast wireResult
			ok, err := fast.decodeFlat([]byte(tt.body))
			assert.Equal(t, tt.flat, ok)
			if !ok {
				assert.Equal(t, wireResult{}, fast, "nothing set")
				return
			}
			require.NoError(t, err)
			var slow wireResult
			require.NoError(t, xml.Unmarshal([]byte(tt.body), &slow))
			assert.Equal(t, slow, fast)
		})
	}
}

// FuzzFlatXML checks that whenever the fast path takes a document, it reads
// exactly what encoding/xml reads, for both document types.
func FuzzFlatXML(f *testing.F) {
	f.Add(`<?xml version="1.0" encoding="UTF-8"?><CreateFlowLogResponse><RequestId>R</RequestId><FlowLogId>fl</FlowLogId><Success>true</Success></CreateFlowLogResponse>`)
	f.Add(`<Error><RequestId>R</RequestId><HostId>h</HostId><Code>C</Code><Message>m</Message><Recommend>r</Recommend></Error>`)
	f.Add(`<R><FlowLogId>a</FlowLogId><FlowLogId>b</FlowLogId><Success> False </Success></R>`)
	f.Add("\ufeff <R>\n<RequestId>\t x \t</RequestId>\n</R>\n")
	f.Fuzz(func(t *testing.T, body string) {
		var fast, slow wireResult
		if ok, ferr := fast.decodeFlat([]byte(body)); ok {
			serr := xml.Unmarshal([]byte(body), &slow)
			require.Equal(t, serr == nil, ferr == nil, "fast: %v, encoding/xml: %v", ferr, serr)
			if serr == nil {
				require.Equal(t, slow, fast)
			}
		} else {
			require.Equal(t, wireResult{}, fast)
		}
		var fastE, slowE wireError
		if ok, _ := fastE.decodeFlat([]byte(body)); ok {
			require.NoError(t, xml.Unmarshal([]byte(body), &slowE))
			require.Equal(t, slowE, fastE)
		}
	})
}
