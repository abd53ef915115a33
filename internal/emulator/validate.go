package emulator

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The server-side rules of the two operations, written from the wire
// specification (SPEC.md §2) and the API documents, independently of the
// client packages. The gateway reports one problem: the first missing
// mandatory parameter, else the first invalid value, in the order below.

// param is the rule of one named parameter.
type param struct {
	name     string
	required bool              // absent or empty is MissingParameter
	valid    func(string) bool // nil: any value
}

// operation is the rule set of one action.
type operation struct {
	params      []param
	tagKeyMax   int  // longest tag key, in characters
	trafficPath bool // TrafficPath.N is a parameter
}

// maxTags is the highest N of Tag.N.Key / Tag.N.Value.
const maxTags = 20

var vpcOperation = operation{
	params: []param{
		{name: "RegionId", required: true},
		{name: "ResourceId", required: true},
		{name: "ResourceType", required: true, valid: oneOf(false, "NetworkInterface", "VSwitch", "VPC")},
		{name: "TrafficType", required: true, valid: oneOf(true, "All", "Allow", "Drop")},
		{name: "ProjectName", required: true, valid: validProjectName},
		{name: "LogStoreName", required: true, valid: validLogStoreName},
		{name: "Description", valid: validDescription(false)},
		{name: "FlowLogName", valid: validFlowLogName(false)},
		{name: "ResourceGroupId"},
		{name: "AggregationInterval", valid: oneOf(false, "1", "5", "10")},
		{name: "IpVersion"},
	},
	tagKeyMax:   128,
	trafficPath: true,
}

var cenOperation = operation{
	params: []param{
		{name: "CenId", required: true},
		{name: "RegionId", required: true},
		{name: "ProjectName", required: true, valid: validProjectName},
		{name: "LogStoreName", required: true, valid: validLogStoreName},
		{name: "Description", valid: validDescription(true)},
		{name: "FlowLogName", valid: validFlowLogName(true)},
		{name: "ClientToken", valid: validClientToken},
		{name: "TransitRouterId"},
		{name: "TransitRouterAttachmentId"},
		{name: "Interval", valid: oneOf(false, "60", "600")},
		{name: "LogFormatString", valid: validLogFormat},
	},
	tagKeyMax: 64,
}

// validateVPC checks the parameters of VPC CreateFlowLog.
func validateVPC(params map[string]string) *apiError { return vpcOperation.validate(params) }

// validateCEN checks the parameters of CEN CreateFlowlog.
func validateCEN(params map[string]string) *apiError { return cenOperation.validate(params) }

// validate returns the first problem of params, or nil. Parameters it does
// not know are ignored, as the gateway ignores them.
func (op operation) validate(params map[string]string) *apiError {
	for _, p := range op.params {
		if p.required && params[p.name] == "" {
			return missing(p.name)
		}
	}
	for _, p := range op.params {
		v, ok := params[p.name]
		if ok && p.valid != nil && !p.valid(v) {
			return invalid(p.name)
		}
	}
	if e := checkTags(params, op.tagKeyMax); e != nil {
		return e
	}
	if op.trafficPath {
		return checkTrafficPaths(params)
	}
	return nil
}

// listIndex parses the N of a flattened list parameter: a decimal integer
// from 1, without leading zeros.
func listIndex(s string) (int, bool) {
	if s == "" || len(s) > 6 || s[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// checkTags checks the Tag.N.Key / Tag.N.Value parameters. A name of that
// shape with a bad N (0, not a number, above 20) is invalid; Tag.N.<other>
// is an unknown parameter and ignored. A Value without its Key is a missing
// Key.
func checkTags(params map[string]string, keyMax int) *apiError {
	type tag struct {
		key, value       string
		hasKey, hasValue bool
	}
	tags := make(map[int]*tag)
	var bad []string
	for name, v := range params {
		rest, ok := strings.CutPrefix(name, "Tag.")
		if !ok {
			continue
		}
		idx, field, ok := strings.Cut(rest, ".")
		if !ok || (field != "Key" && field != "Value") {
			continue
		}
		n, ok := listIndex(idx)
		if !ok || n > maxTags {
			bad = append(bad, name)
			continue
		}
		t := tags[n]
		if t == nil {
			t = new(tag)
			tags[n] = t
		}
		if field == "Key" {
			t.key, t.hasKey = v, true
		} else {
			t.value, t.hasValue = v, true
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		return invalid(bad[0])
	}
	for _, n := range slices.Sorted(maps.Keys(tags)) {
		t := tags[n]
		prefix := "Tag." + strconv.Itoa(n) + "."
		switch {
		case !t.hasKey:
			return missing(prefix + "Key")
		case !validTagText(t.key, 1, keyMax):
			return invalid(prefix + "Key")
		case t.hasValue && !validTagText(t.value, 0, 128):
			return invalid(prefix + "Value")
		}
	}
	return nil
}

// checkTrafficPaths checks the TrafficPath.N parameters of VPC.
func checkTrafficPaths(params map[string]string) *apiError {
	var names []string
	for name := range params {
		if strings.HasPrefix(name, "TrafficPath.") {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		_, ok := listIndex(strings.TrimPrefix(name, "TrafficPath."))
		if !ok || (params[name] != "all" && params[name] != "internetGateway") {
			return invalid(name)
		}
	}
	return nil
}

// oneOf accepts exactly the given values, or the same ignoring case when
// fold is set.
func oneOf(fold bool, values ...string) func(string) bool {
	return func(s string) bool {
		for _, v := range values {
			if s == v || fold && strings.EqualFold(s, v) {
				return true
			}
		}
		return false
	}
}

var (
	projectNameRE  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	logStoreNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$`)
	logFormatRE    = regexp.MustCompile(`^(\$\{[A-Za-z0-9_.-]+\})+$`)
)

// validProjectName: an SLS project, 3-63 lower-case letters, digits and
// hyphens, starting and ending with a letter or digit.
func validProjectName(s string) bool { return projectNameRE.MatchString(s) }

// validLogStoreName: an SLS logstore, as a project but also with '_'.
func validLogStoreName(s string) bool { return logStoreNameRE.MatchString(s) }

// validLogFormat: ${field} items, the first three ${srcaddr}${dstaddr}${bytes}.
func validLogFormat(s string) bool {
	return logFormatRE.MatchString(s) && strings.HasPrefix(s, "${srcaddr}${dstaddr}${bytes}")
}

// validClientToken: printable ASCII, at most 64 characters.
func validClientToken(s string) bool {
	if len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// startsWithURL reports the http:// or https:// prefix that names and
// descriptions must not have.
func startsWithURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// runeLen returns the number of characters of s, or -1 when s is not UTF-8.
func runeLen(s string) int {
	if !utf8.ValidString(s) {
		return -1
	}
	return utf8.RuneCountInString(s)
}

// validDescription: 2-256 characters, starting with a letter (or, with han,
// a Chinese character), not with http:// or https://.
func validDescription(han bool) func(string) bool {
	return func(s string) bool {
		if n := runeLen(s); n < 2 || n > 256 || startsWithURL(s) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(s)
		return isASCIILetter(r) || han && isHan(r)
	}
}

// validFlowLogName: 2-128 characters, starting with a letter (or, with han,
// a Chinese character), then letters, digits, '.', '_', '-' (and, with han,
// Chinese characters); not http:// or https://.
func validFlowLogName(han bool) func(string) bool {
	return func(s string) bool {
		if n := runeLen(s); n < 2 || n > 128 || startsWithURL(s) {
			return false
		}
		for i, r := range s {
			switch {
			case isASCIILetter(r), han && isHan(r):
			case i > 0 && ('0' <= r && r <= '9' || r == '.' || r == '_' || r == '-'):
			default:
				return false
			}
		}
		return true
	}
}

// validTagText: a tag key or value of min-max characters that neither starts
// with "aliyun" or "acs:" nor contains "http://" or "https://".
func validTagText(s string, minLen, maxLen int) bool {
	n := runeLen(s)
	return n >= minLen && n <= maxLen &&
		!strings.HasPrefix(s, "aliyun") && !strings.HasPrefix(s, "acs:") &&
		!strings.Contains(s, "http://") && !strings.Contains(s, "https://")
}
