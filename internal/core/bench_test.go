package core

import (
	"net/http"
	"testing"
)

// BenchmarkDecode measures turning a body into a Result or an *APIError.
func BenchmarkDecode(b *testing.B) {
	okJSON := []byte(`{"RequestId":"54B48E3D-DF70-471B-AA93-08E683A1B457","FlowLogId":"flowlog-m5evbtbptxxxxxxxxxxxx","ResourceGroupId":"rg-acfmxazb4ph6aiy","Success":"true"}`)
	okXML := []byte(`<?xml version="1.0" encoding="UTF-8"?><CreateFlowLogResponse><RequestId>54B48E3D-DF70-471B-AA93-08E683A1B457</RequestId><FlowLogId>flowlog-m5evbtbptxxxxxxxxxxxx</FlowLogId><ResourceGroupId>rg-acfmxazb4ph6aiy</ResourceGroupId><Success>true</Success></CreateFlowLogResponse>`)
	errJSON := []byte(`{"RequestId":"54B48E3D-DF70-471B-AA93-08E683A1B457","HostId":"vpc.cn-qingdao.aliyuncs.com","Code":"Throttling.User","Message":"Request was denied due to user flow control.","Recommend":"https://api.aliyun.com/troubleshoot?q=Throttling.User"}`)
	errXML := []byte(`<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>54B48E3D-DF70-471B-AA93-08E683A1B457</RequestId><HostId>vpc.cn-qingdao.aliyuncs.com</HostId><Code>Throttling.User</Code><Message>Request was denied due to user flow control.</Message><Recommend>https://api.aliyun.com/troubleshoot</Recommend></Error>`)
	for _, tt := range []struct {
		name string
		body []byte
	}{{"success/JSON", okJSON}, {"success/XML", okXML}} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := decodeResult(tt.body); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	h := http.Header{}
	for _, tt := range []struct {
		name string
		body []byte
	}{{"error/JSON", errJSON}, {"error/XML", errXML}} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if e := decodeError(400, h, tt.body); e.Code == "" {
					b.Fatal(e)
				}
			}
		})
	}
}
