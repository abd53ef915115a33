package vpc_test

import (
	"github.com/aliyun/credentials-go/credentials"
)

// wrongSecret returns a credential with a known AccessKeyId and a secret
// the server does not know.
func wrongSecret(id string) credentials.Credential {
	typ, secret := "access_key", "not-the-secret"
	c, err := credentials.NewCredential(&credentials.Config{Type: &typ, AccessKeyId: &id, AccessKeySecret: &secret})
	if err != nil {
		panic(err)
	}
	return c
}
