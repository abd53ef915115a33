package core

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// check runs fn on a fresh Validator and returns the reasons it recorded.
func check(fn func(v *Validator)) []FieldError {
	var v Validator
	fn(&v)
	return v.fields
}

func TestValidatorRules(t *testing.T) {
	t.Parallel()
	ascii, han := TextRules{}, TextRules{Han: true}
	tests := []struct {
		name string
		fn   func(v *Validator)
		ok   bool
	}{
		{"required set", func(v *Validator) { v.Required("F", "x") }, true},
		{"required empty", func(v *Validator) { v.Required("F", "") }, false},
		{"required invalid UTF-8", func(v *Validator) { v.Required("F", "\xff") }, false},

		{"region empty", func(v *Validator) { v.Region("F", "") }, true},
		{"region ok", func(v *Validator) { v.Region("F", "cn-qingdao") }, true},
		{"region upper case", func(v *Validator) { v.Region("F", "CN-qingdao") }, false},
		{"region with a slash", func(v *Validator) { v.Region("F", "cn/x") }, false},
		{"region trailing dash", func(v *Validator) { v.Region("F", "cn-") }, false},

		{"one of exact", func(v *Validator) { v.OneOf("F", "All", false, "All", "Drop") }, true},
		{"one of other case, strict", func(v *Validator) { v.OneOf("F", "all", false, "All", "Drop") }, false},
		{"one of other case, folded", func(v *Validator) { v.OneOf("F", "all", true, "All", "Drop") }, true},
		{"one of unknown", func(v *Validator) { v.OneOf("F", "Some", true, "All", "Drop") }, false},

		{"id ok", func(v *Validator) { v.ID("F", "eni-askldfasxxxxxxxx") }, true},
		{"id empty", func(v *Validator) { v.ID("F", "") }, true},
		{"id with space", func(v *Validator) { v.ID("F", "eni x") }, false},
		{"id too long", func(v *Validator) { v.ID("F", strings.Repeat("a", 129)) }, false},
		{"id non-ASCII", func(v *Validator) { v.ID("F", "eni-é") }, false},

		{"project 3", func(v *Validator) { v.SLSProject("F", "abc") }, true},
		{"project 63", func(v *Validator) { v.SLSProject("F", strings.Repeat("a", 63)) }, true},
		{"project dash inside", func(v *Validator) { v.SLSProject("F", "flow-log-1") }, true},
		{"project 2", func(v *Validator) { v.SLSProject("F", "ab") }, false},
		{"project 64", func(v *Validator) { v.SLSProject("F", strings.Repeat("a", 64)) }, false},
		{"project upper case", func(v *Validator) { v.SLSProject("F", "FlowLogProject") }, false},
		{"project underscore", func(v *Validator) { v.SLSProject("F", "flow_log") }, false},
		{"project leading dash", func(v *Validator) { v.SLSProject("F", "-flow") }, false},
		{"project trailing dash", func(v *Validator) { v.SLSProject("F", "flow-") }, false},
		{"project empty", func(v *Validator) { v.SLSProject("F", "") }, false},
		{"logstore underscore", func(v *Validator) { v.SLSLogstore("F", "flow_log-store") }, true},
		{"logstore trailing underscore", func(v *Validator) { v.SLSLogstore("F", "flow_") }, false},
		{"logstore upper case", func(v *Validator) { v.SLSLogstore("F", "FlowLogStore") }, false},

		{"name empty", func(v *Validator) { ascii.Name(v, "F", "") }, true},
		{"name 2", func(v *Validator) { ascii.Name(v, "F", "ab") }, true},
		{"name 128", func(v *Validator) { ascii.Name(v, "F", "a"+strings.Repeat("b", 127)) }, true},
		{"name all allowed characters", func(v *Validator) { ascii.Name(v, "F", "my.Flow_log-1") }, true},
		{"name 1", func(v *Validator) { ascii.Name(v, "F", "a") }, false},
		{"name 129", func(v *Validator) { ascii.Name(v, "F", "a"+strings.Repeat("b", 128)) }, false},
		{"name starts with a digit", func(v *Validator) { ascii.Name(v, "F", "1flow") }, false},
		{"name with a space", func(v *Validator) { ascii.Name(v, "F", "my flow") }, false},
		{"name URL", func(v *Validator) { ascii.Name(v, "F", "http://x") }, false},
		{"name Chinese, VPC", func(v *Validator) { ascii.Name(v, "F", "流日志") }, false},
		{"name Chinese, CEN", func(v *Validator) { han.Name(v, "F", "流日志") }, true},
		{"name Chinese then ASCII, CEN", func(v *Validator) { han.Name(v, "F", "流x.1") }, true},
		{"name 128 Chinese characters, CEN", func(v *Validator) { han.Name(v, "F", strings.Repeat("流", 128)) }, true},
		{"name 129 Chinese characters, CEN", func(v *Validator) { han.Name(v, "F", strings.Repeat("流", 129)) }, false},
		{"name Cyrillic, CEN", func(v *Validator) { han.Name(v, "F", "жж") }, false},
		{"name invalid UTF-8", func(v *Validator) { han.Name(v, "F", "a\xff") }, false},

		{"description the seed's example", func(v *Validator) { ascii.Description(v, "F", "This is my Flowlog.") }, true},
		{"description 256", func(v *Validator) { ascii.Description(v, "F", "T"+strings.Repeat("é", 255)) }, true},
		{"description 257", func(v *Validator) { ascii.Description(v, "F", "T"+strings.Repeat("é", 256)) }, false},
		{"description 1", func(v *Validator) { ascii.Description(v, "F", "T") }, false},
		{"description starts with a digit", func(v *Validator) { ascii.Description(v, "F", "1 flow") }, false},
		{"description http", func(v *Validator) { ascii.Description(v, "F", "http://example.com") }, false},
		{"description HTTPS", func(v *Validator) { ascii.Description(v, "F", "HTTPS://example.com") }, false},
		{"description mentions a URL later", func(v *Validator) { ascii.Description(v, "F", "see http://x") }, true},
		{"description Chinese, VPC", func(v *Validator) { ascii.Description(v, "F", "流日志") }, false},
		{"description Chinese, CEN", func(v *Validator) { han.Description(v, "F", "流日志 for prod") }, true},

		{"duration unset", func(v *Validator) { v.Duration("F", 0, time.Minute) }, true},
		{"duration allowed", func(v *Validator) { v.Duration("F", 5*time.Minute, time.Minute, 5*time.Minute) }, true},
		{"duration other", func(v *Validator) { v.Duration("F", 2*time.Minute, time.Minute, 5*time.Minute) }, false},
		{"duration not whole", func(v *Validator) { v.Duration("F", time.Minute+time.Second, time.Minute) }, false},

		{"token empty", func(v *Validator) { v.ClientToken("F", "") }, true},
		{"token UUID", func(v *Validator) { v.ClientToken("F", "02fb3da4-130e-11e9-8e44-001") }, true},
		{"token 64", func(v *Validator) { v.ClientToken("F", strings.Repeat("t", 64)) }, true},
		{"token 65", func(v *Validator) { v.ClientToken("F", strings.Repeat("t", 65)) }, false},
		{"token non-ASCII", func(v *Validator) { v.ClientToken("F", "tök") }, false},
		{"token control character", func(v *Validator) { v.ClientToken("F", "t\n") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := check(tt.fn)
			if tt.ok {
				assert.Empty(t, got)
				return
			}
			require.NotEmpty(t, got)
			for _, f := range got {
				assert.Equal(t, "F", f.Field)
				assert.NotEmpty(t, f.Reason)
			}
		})
	}
}

func TestValidatorTags(t *testing.T) {
	t.Parallel()
	many := make([]Tag, 21)
	for i := range many {
		many[i] = Tag{Key: "k" + strings.Repeat("x", i)}
	}
	tests := []struct {
		name string
		tags []Tag
		want []FieldError
	}{
		{"none", nil, nil},
		{"empty value", []Tag{{Key: "env", Value: ""}}, nil},
		{"20 tags", many[:20], nil},
		{"key at the limit", []Tag{{Key: strings.Repeat("流", 64)}}, nil},
		{"value at the limit", []Tag{{Key: "k", Value: strings.Repeat("v", 128)}}, nil},
		{"21 tags", many, []FieldError{{"Tags", "must have at most 20 tags, has 21"}}},
		{"missing key", []Tag{{Key: "a"}, {Value: "v"}}, []FieldError{{"Tags[1].Key", "is required"}}},
		{"key too long", []Tag{{Key: strings.Repeat("k", 65)}}, []FieldError{{"Tags[0].Key", "must be at most 64 characters"}}},
		{"value too long", []Tag{{Key: "k", Value: strings.Repeat("v", 129)}}, []FieldError{{"Tags[0].Value", "must be at most 128 characters"}}},
		{"aliyun prefix", []Tag{{Key: "aliyun:x", Value: "Acs:y"}}, []FieldError{
			{"Tags[0].Key", `must not start with "aliyun" or "acs:"`},
			{"Tags[0].Value", `must not start with "aliyun" or "acs:"`}}},
		{"URL inside", []Tag{{Key: "see http://x", Value: "at HTTPS://y"}}, []FieldError{
			{"Tags[0].Key", `must not contain "http://" or "https://"`},
			{"Tags[0].Value", `must not contain "http://" or "https://"`}}},
		{"duplicate key", []Tag{{Key: "env"}, {Key: "team"}, {Key: "env"}}, []FieldError{{"Tags[2].Key", "duplicates Tags[0].Key"}}},
		{"invalid UTF-8", []Tag{{Key: "\xff", Value: "\xfe"}}, []FieldError{
			{"Tags[0].Key", "must be valid UTF-8"}, {"Tags[0].Value", "must be valid UTF-8"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, check(func(v *Validator) { v.Tags("Tags", tt.tags, 64) }))
		})
	}
}

func TestValidationErrorText(t *testing.T) {
	t.Parallel()
	var v Validator
	assert.NoError(t, v.Err("CreateFlowLog"))
	v.Add("ResourceID", "is required")
	v.Add("Tags[2].Key", "is required")
	err := v.Err("CreateFlowLog")
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "CreateFlowLog", ve.Operation)
	assert.Equal(t, "CreateFlowLog: invalid input: ResourceID: is required; Tags[2].Key: is required", err.Error())
	assert.Equal(t, "CreateFlowLog: invalid input: input: must not be nil", NilInput("CreateFlowLog").Error())
}

func TestParams(t *testing.T) {
	t.Parallel()
	p := Params{}
	p.Set("A", "")
	p.Set("B", "b")
	p.SetDuration("Minutes", 10*time.Minute, time.Minute)
	p.SetDuration("Seconds", time.Minute, time.Second)
	p.SetDuration("Unset", 0, time.Second)
	SetList(p, "Path", []string{"all", "internetGateway"})
	p.SetTags([]Tag{{Key: "k1", Value: "v1"}, {Key: "k2"}})
	assert.Equal(t, Params{
		"B": "b", "Minutes": "10", "Seconds": "60",
		"Path.1": "all", "Path.2": "internetGateway",
		"Tag.1.Key": "k1", "Tag.1.Value": "v1", "Tag.2.Key": "k2", "Tag.2.Value": "",
	}, p)
}
