package cbn

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/internal/core"
)

// validInput returns an input with every required field set.
func validInput() *CreateFlowLogInput {
	return &CreateFlowLogInput{
		CenID:        "cen-7qthudw0ll6jmc****",
		ProjectName:  "flowlogproject",
		LogStoreName: "flowlogstore",
	}
}

func TestParamsFullInput(t *testing.T) {
	t.Parallel()
	in := &CreateFlowLogInput{
		CenID:                     "cen-7qthudw0ll6jmc****",
		RegionID:                  "cn-hangzhou",
		ProjectName:               "flowlogproject",
		LogStoreName:              "flowlogstore",
		FlowLogName:               "流日志-prod",
		Description:               "中文 description",
		ClientToken:               "02fb3da4-130e-11e9-8e44-001",
		TransitRouterID:           "tr-bp1rmwxnk221e3fas****",
		TransitRouterAttachmentID: "tr-attach-r6g0m3epjehw57****",
		Interval:                  time.Minute,
		LogFormatString:           "${srcaddr}${dstaddr}${bytes}${packets}",
		Tags:                      []Tag{{Key: "env", Value: "prod"}, {Key: "empty"}},
	}
	require.NoError(t, in.validate())
	assert.Equal(t, core.Params{
		"CenId":                     "cen-7qthudw0ll6jmc****",
		"ProjectName":               "flowlogproject",
		"LogStoreName":              "flowlogstore",
		"FlowLogName":               "流日志-prod",
		"Description":               "中文 description",
		"TransitRouterId":           "tr-bp1rmwxnk221e3fas****",
		"TransitRouterAttachmentId": "tr-attach-r6g0m3epjehw57****",
		"Interval":                  "60",
		"LogFormatString":           "${srcaddr}${dstaddr}${bytes}${packets}",
		"Tag.1.Key":                 "env",
		"Tag.1.Value":               "prod",
		"Tag.2.Key":                 "empty",
		"Tag.2.Value":               "",
	}, in.params(), "RegionId, ClientToken and the common parameters are added by the core")

	in.Interval = 10 * time.Minute
	assert.Equal(t, "600", in.params()["Interval"])
}

func TestValidate(t *testing.T) {
	t.Parallel()
	const nameRule = "must be 2-128 characters and start with a letter or a Chinese character; letters, digits, '.', '_' and '-' only"
	const formatRule = "must be ${field} items only, starting with ${srcaddr}${dstaddr}${bytes}"
	tests := []struct {
		name   string
		mutate func(in *CreateFlowLogInput)
		want   []FieldError
	}{
		{"minimal", func(*CreateFlowLogInput) {}, nil},
		{"Chinese name and description", func(in *CreateFlowLogInput) { in.FlowLogName = "流日志"; in.Description = "流日志描述" }, nil},
		{"interval 600s", func(in *CreateFlowLogInput) { in.Interval = 600 * time.Second }, nil},
		{"format prefix only", func(in *CreateFlowLogInput) { in.LogFormatString = "${srcaddr}${dstaddr}${bytes}" }, nil},
		{"format with more fields", func(in *CreateFlowLogInput) {
			in.LogFormatString = "${srcaddr}${dstaddr}${bytes}${srcport}${dstport}${protocol}${tcp-flags}${tr_id}"
		}, nil},
		{"token of 64", func(in *CreateFlowLogInput) { in.ClientToken = strings.Repeat("a", 64) }, nil},
		{"tag key of 64", func(in *CreateFlowLogInput) { in.Tags = []Tag{{Key: strings.Repeat("k", 64)}} }, nil},

		{"cen id missing", func(in *CreateFlowLogInput) { in.CenID = "" }, []FieldError{{Field: "CenID", Reason: "is required"}}},
		{"project missing", func(in *CreateFlowLogInput) { in.ProjectName = "" }, []FieldError{{Field: "ProjectName", Reason: "is required"}}},
		{"logstore in the seed's mixed case", func(in *CreateFlowLogInput) { in.LogStoreName = "FlowLogStore" },
			[]FieldError{{Field: "LogStoreName", Reason: "must be 3-63 characters of lower-case letters, digits, '-' and '_', starting and ending with a letter or digit"}}},
		{"name starts with a digit", func(in *CreateFlowLogInput) { in.FlowLogName = "1流" }, []FieldError{{Field: "FlowLogName", Reason: nameRule}}},
		{"description is a URL", func(in *CreateFlowLogInput) { in.Description = "http://x.y" },
			[]FieldError{{Field: "Description", Reason: "must be 2-256 characters, start with a letter or a Chinese character and not start with http:// or https://"}}},
		{"token too long", func(in *CreateFlowLogInput) { in.ClientToken = strings.Repeat("a", 65) },
			[]FieldError{{Field: "ClientToken", Reason: "must be at most 64 printable ASCII characters"}}},
		{"token not ASCII", func(in *CreateFlowLogInput) { in.ClientToken = "令牌" },
			[]FieldError{{Field: "ClientToken", Reason: "must be at most 64 printable ASCII characters"}}},
		{"interval 5 minutes", func(in *CreateFlowLogInput) { in.Interval = 5 * time.Minute },
			[]FieldError{{Field: "Interval", Reason: "must be one of 1m0s, 10m0s"}}},
		{"interval as a bare number", func(in *CreateFlowLogInput) { in.Interval = 60 },
			[]FieldError{{Field: "Interval", Reason: "must be one of 1m0s, 10m0s"}}},
		{"format without the prefix", func(in *CreateFlowLogInput) { in.LogFormatString = "${dstaddr}${srcaddr}${bytes}" },
			[]FieldError{{Field: "LogFormatString", Reason: formatRule}}},
		{"format with text between items", func(in *CreateFlowLogInput) { in.LogFormatString = "${srcaddr}${dstaddr}${bytes} ${packets}" },
			[]FieldError{{Field: "LogFormatString", Reason: formatRule}}},
		{"format with an empty item", func(in *CreateFlowLogInput) { in.LogFormatString = "${srcaddr}${dstaddr}${bytes}${}" },
			[]FieldError{{Field: "LogFormatString", Reason: formatRule}}},
		{"format unterminated", func(in *CreateFlowLogInput) { in.LogFormatString = "${srcaddr}${dstaddr}${bytes}${packets" },
			[]FieldError{{Field: "LogFormatString", Reason: formatRule}}},
		{"tag key of 65", func(in *CreateFlowLogInput) { in.Tags = []Tag{{Key: strings.Repeat("k", 65)}} },
			[]FieldError{{Field: "Tags[0].Key", Reason: "must be at most 64 characters"}}},
		{"transit router id with a space", func(in *CreateFlowLogInput) { in.TransitRouterID = "tr 1" },
			[]FieldError{{Field: "TransitRouterID", Reason: "must be at most 128 printable ASCII characters without spaces"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := validInput()
			tt.mutate(in)
			err := in.validate()
			if tt.want == nil {
				assert.NoError(t, err)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "CreateFlowlog", ve.Operation)
			assert.Equal(t, tt.want, ve.Fields)
		})
	}
}
