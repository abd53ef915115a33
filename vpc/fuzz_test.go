package vpc_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/vpc"
	"github.com/flowlog-go/flowlog/vpc/vpctest"
)

// FuzzCreateFlowLogInput puts arbitrary strings in every field: validation
// never panics, and an input it accepts is accepted by the emulator's
// server-side validation too, so the client never sends what the service
// would refuse as malformed.
func FuzzCreateFlowLogInput(f *testing.F) {
	f.Add("NetworkInterface", "eni-askldfasxxxxxxxx", "All", "flowlogproject", "flowlogstore", "myFlowlog", "This is my Flowlog.", "rg-1", "env", "prod", "all", "IPv4", int64(5))
	f.Add("VSwitch", "vsw-1", "drop", "a-b", "a_b", "ab", "流日志", "", "aliyun", "", "internetGateway", "", int64(0))
	f.Add("VPC", "vpc 1", "x", "A", "-b", "1a", "http://x", "rg 1", "", "http://v", "vpn", "IPv6", int64(2))
	srv := vpctest.NewServer()
	defer srv.Close()
	c, err := vpc.New(srv.Options())
	require.NoError(f, err)

	f.Fuzz(func(t *testing.T, resourceType, resourceID, trafficType, project, logstore, name, description, group, tagKey, tagValue, path, ipVersion string, minutes int64) {
		in := &vpc.CreateFlowLogInput{
			ResourceType:        vpc.ResourceType(resourceType),
			ResourceID:          resourceID,
			TrafficType:         vpc.TrafficType(trafficType),
			ProjectName:         project,
			LogStoreName:        logstore,
			FlowLogName:         name,
			Description:         description,
			ResourceGroupID:     group,
			TrafficPath:         []vpc.TrafficPath{vpc.TrafficPath(path)},
			AggregationInterval: time.Duration(minutes) * time.Minute,
			IPVersion:           ipVersion,
		}
		if tagKey != "" || tagValue != "" {
			in.Tags = []vpc.Tag{{Key: tagKey, Value: tagValue}}
		}
		_, err := c.CreateFlowLog(context.Background(), in)
		var ve *vpc.ValidationError
		if errors.As(err, &ve) {
			require.NotEmpty(t, ve.Fields)
			return
		}
		require.NoError(t, err, "valid for the client, refused by the service")
	})
}
