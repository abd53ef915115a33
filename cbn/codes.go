package cbn

import "github.com/flowlog-go/flowlog/internal/core"

// Error codes of CreateFlowlog and of the gateway, for comparing with
// APIError.Code.
const (
	// The seed's documented errors.
	CodeInvalidParameterUpper = core.CodeInvalidParameterUpper // INVALID_PARAMETER
	CodeMissingParameter      = core.CodeMissingParameter      // MissingParameter
	CodeInvalidParameter      = core.CodeInvalidParameter      // InvalidParameter

	// Rate limits: retried with backoff.
	CodeThrottling         = core.CodeThrottling
	CodeThrottlingUser     = core.CodeThrottlingUser
	CodeThrottlingAPI      = core.CodeThrottlingAPI
	CodeRejectedThrottling = core.CodeRejectedThrottling

	// Another operation holds the resource: retried with backoff.
	CodeOperationBlocking        = core.CodeOperationBlocking
	CodeIncorrectStatusTrFlowlog = core.CodeIncorrectStatusTrFlowlog
	CodeLockError                = core.CodeLockError

	// The same ClientToken is still being processed: retried, same token.
	CodeLastTokenProcessing                = core.CodeLastTokenProcessing
	CodeOperationFailedLastTokenProcessing = core.CodeOperationFailedLastTokenProcessing

	// The ClientToken was used with other parameters: never retried.
	CodeIdempotentParameterMismatch = core.CodeIdempotentParameterMismatch

	// Server failures: the flow log may exist; resent with the same
	// ClientToken, then ErrOutcomeUnknown.
	CodeServiceUnavailable = core.CodeServiceUnavailable
	CodeInternalError      = core.CodeInternalError
	CodeUnknownError       = core.CodeUnknownError

	// Credentials, signature and clock: never retried.
	CodeSignatureDoesNotMatch       = core.CodeSignatureDoesNotMatch
	CodeIncompleteSignature         = core.CodeIncompleteSignature
	CodeInvalidAccessKeyIDNotFound  = core.CodeInvalidAccessKeyIDNotFound
	CodeInvalidAccessKeyIDInactive  = core.CodeInvalidAccessKeyIDInactive
	CodeForbiddenRAM                = core.CodeForbiddenRAM
	CodeInvalidTimeStampExpired     = core.CodeInvalidTimeStampExpired
	CodeInvalidTimeStampFormat      = core.CodeInvalidTimeStampFormat
	CodeSignatureNonceUsed          = core.CodeSignatureNonceUsed
	CodeInvalidSecurityTokenExpired = core.CodeInvalidSecurityTokenExpired

	// Bad requests and missing targets: never retried.
	CodeProjectOrLogstoreNotExist = core.CodeProjectOrLogstoreNotExist
	CodeSourceProjectNotExist     = core.CodeSourceProjectNotExist
	CodeInvalidActionNotFound     = core.CodeInvalidActionNotFound
	CodeOperationUnsupported      = core.CodeOperationUnsupported
	CodeInvalidVersion            = core.CodeInvalidVersion
)
