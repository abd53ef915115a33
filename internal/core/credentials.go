package core

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/flowlog-go/flowlog/signing"
)

// credentialSource reads one credentials-go Credential. Its refreshing
// providers keep state without locks, so reads of one Credential are
// serialised here. A nil Credential is the default chain, built at the first
// read and kept once it builds.
type credentialSource struct {
	mu   *sync.Mutex
	cred credentials.Credential
	// static holds the AccessKey of a Credential that never changes (types
	// access_key and sts), read once; later reads take no lock.
	static atomic.Pointer[signing.Credentials]
}

// overrideMu serialises reads of Credentials given in per-call options,
// which no client owns.
var overrideMu sync.Mutex

// newDefaultChain builds credentials-go's default chain; a variable so that
// tests can count or fail the build.
var newDefaultChain = func() (credentials.Credential, error) { return credentials.NewCredential(nil) }

// get returns the current AccessKey, reading the provider unless it is
// static and already read.
func (s *credentialSource) get() (signing.Credentials, error) {
	if c := s.static.Load(); c != nil {
		return *c, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cred == nil {
		c, err := newDefaultChain()
		if err != nil {
			return signing.Credentials{}, fmt.Errorf("credentials: default chain: %w", err)
		}
		s.cred = c
	}
	m, err := s.cred.GetCredential()
	if err != nil {
		return signing.Credentials{}, fmt.Errorf("credentials: %w", err)
	}
	if m == nil || m.AccessKeyId == nil || *m.AccessKeyId == "" || m.AccessKeySecret == nil || *m.AccessKeySecret == "" {
		return signing.Credentials{}, errors.New("credentials: the provider returned no AccessKeyId or AccessKeySecret")
	}
	c := signing.Credentials{AccessKeyID: *m.AccessKeyId, AccessKeySecret: *m.AccessKeySecret}
	if m.SecurityToken != nil {
		c.SecurityToken = *m.SecurityToken
	}
	if t := s.cred.GetType(); t != nil && (*t == "access_key" || *t == "sts") {
		s.static.Store(&c)
	}
	return c, nil
}

// StaticCredential returns a credentials-go Credential for a fixed AccessKey,
// and a SecurityToken when token is not empty.
func StaticCredential(id, secret, token string) credentials.Credential {
	typ := "access_key"
	if token != "" {
		typ = "sts"
	}
	c, err := credentials.NewCredential(&credentials.Config{
		Type: &typ, AccessKeyId: &id, AccessKeySecret: &secret, SecurityToken: &token,
	})
	if err != nil {
		// Only empty fields make these types fail; the caller gets an
		// error at the first call instead of a panic here.
		return failingCredential{err: err}
	}
	return c
}

// failingCredential is a Credential whose every read fails with err.
type failingCredential struct {
	credentials.Credential
	err error
}

func (f failingCredential) GetCredential() (*credentials.CredentialModel, error) { return nil, f.err }
