// Command vpc-flowlog creates a VPC flow log. By default it runs offline
// against the built-in emulator of the Alibaba Cloud gateway and prints what
// was sent (secrets redacted) and what came back; -live sends the request to
// Alibaba Cloud with the default credential chain instead.
//
//	go run ./examples/vpc-flowlog
//	go run ./examples/vpc-flowlog -fault Throttling -fault-count 2 -v
//	go run ./examples/vpc-flowlog -live -region cn-qingdao -resource-id eni-... -project ... -logstore ...
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/flowlog-go/flowlog/examples/internal/cli"
	"github.com/flowlog-go/flowlog/internal/emulator"
	"github.com/flowlog-go/flowlog/vpc"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the program; it returns the exit status: 0 created, 1 failed,
// 2 bad flags or options.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("vpc-flowlog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	common := cli.Register(fs, "cn-qingdao")
	var in vpc.CreateFlowLogInput
	var resourceType, trafficType string
	var tags cli.TagsFlag
	var paths cli.ListFlag
	fs.StringVar(&resourceType, "resource-type", string(vpc.ResourceTypeNetworkInterface), "NetworkInterface, VSwitch or VPC")
	fs.StringVar(&in.ResourceID, "resource-id", "eni-askldfasxxxxxxxx", "ID of the ENI, vSwitch or VPC")
	fs.StringVar(&trafficType, "traffic-type", string(vpc.TrafficTypeAll), "All, Allow or Drop")
	fs.StringVar(&in.ProjectName, "project", "flowlogproject", "Log Service project")
	fs.StringVar(&in.LogStoreName, "logstore", "flowlogstore", "Log Service Logstore")
	fs.StringVar(&in.FlowLogName, "name", "myFlowlog", "flow log name")
	fs.StringVar(&in.Description, "description", "", "flow log description")
	fs.StringVar(&in.ResourceGroupID, "resource-group-id", "", "resource group")
	fs.Var(&tags, "tag", "tag as key=value (repeatable)")
	fs.Var(&paths, "traffic-path", "all or internetGateway (repeatable)")
	fs.DurationVar(&in.AggregationInterval, "aggregation-interval", 0, "1m, 5m or 10m")
	fs.StringVar(&in.IPVersion, "ip-version", "", "IP version, such as IPv4")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	in.ResourceType, in.TrafficType, in.Tags = vpc.ResourceType(resourceType), vpc.TrafficType(trafficType), tags
	for _, p := range paths {
		in.TrafficPath = append(in.TrafficPath, vpc.TrafficPath(p))
	}

	s, err := common.Start(emulator.VPC, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return 2
	}
	defer s.Close()
	c, err := vpc.New(s.Options)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	out, err := c.CreateFlowLog(s.Context, &in)
	if err != nil {
		return s.Report("", "", nil, err)
	}
	return s.Report(out.FlowLogID, out.RequestID, nil, nil)
}
