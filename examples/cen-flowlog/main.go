// Command cen-flowlog creates a CEN flow log. By default it runs offline
// against the built-in emulator of the Alibaba Cloud gateway and prints what
// was sent (secrets redacted) and what came back; -live sends the request to
// Alibaba Cloud with the default credential chain instead.
//
//	go run ./examples/cen-flowlog
//	go run ./examples/cen-flowlog -fault ResetAfterCommit -v
//	go run ./examples/cen-flowlog -live -region cn-hangzhou -cen-id cen-... -project ... -logstore ...
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/flowlog-go/flowlog/cbn"
	"github.com/flowlog-go/flowlog/examples/internal/cli"
	"github.com/flowlog-go/flowlog/internal/emulator"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the program; it returns the exit status: 0 created, 1 failed,
// 2 bad flags or options.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cen-flowlog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	common := cli.Register(fs, "cn-hangzhou")
	var in cbn.CreateFlowLogInput
	var tags cli.TagsFlag
	fs.StringVar(&in.CenID, "cen-id", "cen-7qthudw0ll6jmc****", "ID of the CEN instance")
	fs.StringVar(&in.ProjectName, "project", "flowlogproject", "Log Service project")
	fs.StringVar(&in.LogStoreName, "logstore", "flowlogstore", "Log Service Logstore")
	fs.StringVar(&in.FlowLogName, "name", "myFlowlog", "flow log name")
	fs.StringVar(&in.Description, "description", "", "flow log description")
	fs.StringVar(&in.ClientToken, "client-token", "", "idempotency token (default: one is made)")
	fs.StringVar(&in.TransitRouterID, "transit-router-id", "", "Enterprise Edition transit router")
	fs.StringVar(&in.TransitRouterAttachmentID, "transit-router-attachment-id", "", "transit router attachment")
	fs.DurationVar(&in.Interval, "interval", 0, "aggregation window: 1m or 10m")
	fs.StringVar(&in.LogFormatString, "log-format", "", "fields, starting with ${srcaddr}${dstaddr}${bytes}")
	fs.Var(&tags, "tag", "tag as key=value (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	in.Tags = tags

	s, err := common.Start(emulator.CEN, stdout, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return 2
	}
	defer s.Close()
	c, err := cbn.New(s.Options)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	out, err := c.CreateFlowLog(s.Context, &in)
	if err != nil {
		return s.Report("", "", nil, err)
	}
	return s.Report(out.FlowLogID, out.RequestID, []string{"ClientToken=" + out.ClientToken}, nil)
}
