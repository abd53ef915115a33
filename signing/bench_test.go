package signing

import (
	"testing"
	"time"
)

// benchParams are the parameters of a realistic CreateFlowLog: tags, a
// description with non-ASCII characters.
var benchParams = map[string]string{
	"Action": "CreateFlowLog", "Version": "2016-04-28", "Format": "JSON", "RegionId": "cn-qingdao",
	"ResourceType": "NetworkInterface", "ResourceId": "eni-bp1d66qjxb3qoin3****", "TrafficType": "All",
	"ProjectName": "flowlogproject", "LogStoreName": "flowlogstore", "FlowLogName": "prod-eni-flowlog",
	"Description":     "Flow log of the production ENI — 生产环境流日志",
	"ResourceGroupId": "rg-acfmxazb4ph6aiy",
	"Tag.1.Key":       "env", "Tag.1.Value": "prod", "Tag.2.Key": "team", "Tag.2.Value": "network",
	"Tag.3.Key": "cost-center", "Tag.3.Value": "42", "TrafficPath.1": "all", "AggregationInterval": "5", "IpVersion": "IPv4",
}

var benchCred = Credentials{AccessKeyID: "LTAI5tBenchKeyId", AccessKeySecret: "BenchSecret0123456789"}

func BenchmarkSignRPC(b *testing.B) {
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		_ = SignRPC("POST", benchParams, benchCred, now, "3ee8c1b883d344afa94f4e0ad82fd6cf")
	}
}

// BenchmarkSignV3 measures what the client does per request: the
// canonical query (which the URL carries too) and the signed headers.
func BenchmarkSignV3(b *testing.B) {
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		q := CanonicalQuery(benchParams)
		_ = SignV3Headers("POST", "vpc.cn-qingdao.aliyuncs.com", "CreateFlowLog", "2016-04-28", q, EmptyPayloadHash, benchCred, now, "3ee8c1b883d344afa94f4e0ad82fd6cf")
	}
}
