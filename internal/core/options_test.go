package core

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestResolveOptions(t *testing.T) {
	t.Parallel()
	cen := &Product{Version: "2017-09-12", PublicHost: "cbn.aliyuncs.com", VPCHost: "cen.vpc-proxy.aliyuncs.com"}
	tests := []struct {
		name     string
		product  *Product
		opts     Options
		endpoint string
		err      string
	}{
		{"VPC public", testProduct, Options{RegionID: "cn-qingdao"}, "https://vpc.cn-qingdao.aliyuncs.com/", ""},
		{"VPC public by name", testProduct, Options{RegionID: "cn-hangzhou", Network: "Public"}, "https://vpc.cn-hangzhou.aliyuncs.com/", ""},
		{"VPC in-VPC", testProduct, Options{RegionID: "cn-qingdao", Network: "vpc"}, "https://vpc-vpc.cn-qingdao.aliyuncs.com/", ""},
		{"CEN public is central", cen, Options{RegionID: "ap-southeast-1"}, "https://cbn.aliyuncs.com/", ""},
		{"CEN in-VPC", cen, Options{RegionID: "cn-qingdao", Network: "VPC"}, "https://cen.vpc-proxy.aliyuncs.com/", ""},
		{"endpoint override", testProduct, Options{RegionID: "cn-qingdao", Endpoint: "http://127.0.0.1:8080"}, "http://127.0.0.1:8080/", ""},
		{"endpoint override with a slash", testProduct, Options{RegionID: "cn-qingdao", Endpoint: "https://proxy.example.com/", Network: "vpc"}, "https://proxy.example.com/", ""},
		{"no region", testProduct, Options{}, "", "RegionID is required"},
		{"bad region", testProduct, Options{RegionID: "cn-qingdao.evil.com/"}, "", "is not a region id"},
		{"relative endpoint", testProduct, Options{RegionID: "cn-qingdao", Endpoint: "vpc.aliyuncs.com"}, "", "not an absolute http:// or https:// URL"},
		{"ftp endpoint", testProduct, Options{RegionID: "cn-qingdao", Endpoint: "ftp://vpc.aliyuncs.com"}, "", "not an absolute http:// or https:// URL"},
		{"endpoint with a path", testProduct, Options{RegionID: "cn-qingdao", Endpoint: "https://x.com/api"}, "", "must not have a path, query or fragment"},
		{"endpoint with a query", testProduct, Options{RegionID: "cn-qingdao", Endpoint: "https://x.com/?a=b"}, "", "must not have a path, query or fragment"},
		{"endpoint with user info", testProduct, Options{RegionID: "cn-qingdao", Endpoint: "https://u:p@x.com"}, "", "not an absolute"},
		{"unknown network", testProduct, Options{RegionID: "cn-qingdao", Network: "intranet"}, "", `Network "intranet"`},
		{"unknown format", testProduct, Options{RegionID: "cn-qingdao", ResponseFormat: "YAML"}, "", `ResponseFormat "YAML"`},
		{"unknown algorithm", testProduct, Options{RegionID: "cn-qingdao", SignatureAlgorithm: "MD5"}, "", `SignatureAlgorithm "MD5"`},
		{"negative attempts", testProduct, Options{RegionID: "cn-qingdao", MaxAttempts: -1}, "", "MaxAttempts -1 is negative"},
		{"negative backoff", testProduct, Options{RegionID: "cn-qingdao", MaxBackoff: -1}, "", "MaxBackoff -1ns is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := resolve(tt.product, tt.opts)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.endpoint, cfg.endpoint.String())
		})
	}
}

func TestResolveDefaultsAndAllErrorsAtOnce(t *testing.T) {
	t.Parallel()
	cfg, err := resolve(testProduct, Options{RegionID: "cn-qingdao"})
	require.NoError(t, err)
	assert.Equal(t, DefaultMaxAttempts, cfg.MaxAttempts)
	assert.Equal(t, DefaultMaxBackoff, cfg.MaxBackoff)
	assert.Equal(t, FormatJSON, cfg.ResponseFormat)
	assert.Equal(t, SignatureHMACSHA1, cfg.SignatureAlgorithm)
	assert.Same(t, defaultHTTPClient, cfg.http)
	assert.Equal(t, "https", cfg.endpoint.Scheme, "HTTPS by default")

	hc := &http.Client{}
	cfg, err = resolve(testProduct, Options{RegionID: "cn-qingdao", HTTPClient: hc, MaxAttempts: 1, ResponseFormat: "xml"})
	require.NoError(t, err)
	assert.Same(t, hc, cfg.http)
	assert.Equal(t, 1, cfg.MaxAttempts)
	assert.Equal(t, FormatXML, cfg.ResponseFormat)

	_, err = resolve(testProduct, Options{Network: "x", ResponseFormat: "y", Endpoint: "z"})
	require.Error(t, err)
	for _, s := range []string{"RegionID", "Network", "ResponseFormat", "Endpoint"} {
		assert.Contains(t, err.Error(), s)
	}
}

func TestDefaultHTTPClientDoesNotFollowRedirects(t *testing.T) {
	t.Parallel()
	require.NotNil(t, defaultHTTPClient.CheckRedirect)
	assert.Equal(t, http.ErrUseLastResponse, defaultHTTPClient.CheckRedirect(nil, nil))
}
