package core

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/aliyun/credentials-go/credentials"

	"github.com/flowlog-go/flowlog/signing"
)

// credentialSource reads one credentials-go Credential for a client, or for
// a call whose options name another. A nil Credential is the default chain,
// built at the first read and kept once it builds. A Credential that never
// changes (types access_key and sts) is read once; later reads take no lock.
type credentialSource struct {
	mu     sync.Mutex // guards cred while the default chain is built
	cred   credentials.Credential
	static atomic.Pointer[signing.Credentials]
}

// newDefaultChain builds credentials-go's default chain; a variable so that
// tests can count or fail the build.
var newDefaultChain = func() (credentials.Credential, error) { return credentials.NewCredential(nil) }

// get returns the current AccessKey. It gives up when ctx ends, whether it
// is waiting for another read of the same Credential or for the provider
// itself (which goes on in the background and releases the lock when done).
func (s *credentialSource) get(ctx context.Context) (signing.Credentials, error) {
	if c := s.static.Load(); c != nil {
		return *c, nil
	}
	cred, err := s.credential()
	if err != nil {
		return signing.Credentials{}, err
	}
	release, err := lockCredential(ctx, cred)
	if err != nil {
		return signing.Credentials{}, err
	}
	type result struct {
		c   signing.Credentials
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer release()
		c, err := read(cred)
		done <- result{c, err}
	}()
	select {
	case r := <-done:
		if r.err == nil && isStatic(cred) {
			s.static.Store(&r.c)
		}
		return r.c, r.err
	case <-ctx.Done():
		return signing.Credentials{}, fmt.Errorf("credentials: %w", ctx.Err())
	}
}

// credential returns the Credential, building the default chain if needed.
func (s *credentialSource) credential() (credentials.Credential, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cred == nil {
		c, err := newDefaultChain()
		if err != nil {
			return nil, fmt.Errorf("credentials: default chain: %w", err)
		}
		s.cred = c
	}
	return s.cred, nil
}

// read asks the provider for the AccessKey.
func read(cred credentials.Credential) (signing.Credentials, error) {
	m, err := cred.GetCredential()
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
	return c, nil
}

// isStatic reports whether cred's AccessKey never changes.
func isStatic(cred credentials.Credential) bool {
	t := cred.GetType()
	return t != nil && (*t == "access_key" || *t == "sts")
}

// credentialLocks serialise the reads of a Credential across every client
// and call, as credentials-go's refreshing providers keep state without
// locks. A Credential's lock exists while someone holds or waits for it,
// keyed by the Credential itself (all uncomparable ones share one key). A
// lock is a channel of one, so that a waiting call can give up when its
// context ends.
var credentialLocks = struct {
	sync.Mutex
	m map[any]*credentialLock
}{m: make(map[any]*credentialLock)}

type credentialLock struct {
	ch   chan struct{}
	refs int // holders and waiters
}

// uncomparable is the lock key of Credentials that cannot be map keys.
type uncomparable struct{}

// lockCredential takes the lock of cred, or gives up when ctx ends; the
// returned function releases it.
func lockCredential(ctx context.Context, cred credentials.Credential) (func(), error) {
	var key any = cred
	if !reflect.ValueOf(cred).Comparable() {
		key = uncomparable{}
	}
	credentialLocks.Lock()
	l := credentialLocks.m[key]
	if l == nil {
		l = &credentialLock{ch: make(chan struct{}, 1)}
		credentialLocks.m[key] = l
	}
	l.refs++
	credentialLocks.Unlock()

	unref := func() {
		credentialLocks.Lock()
		if l.refs--; l.refs == 0 {
			delete(credentialLocks.m, key)
		}
		credentialLocks.Unlock()
	}
	select {
	case l.ch <- struct{}{}:
		return func() { <-l.ch; unref() }, nil
	case <-ctx.Done():
		unref()
		return nil, fmt.Errorf("credentials: %w", ctx.Err())
	}
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

func (f failingCredential) GetType() *string { return nil }
