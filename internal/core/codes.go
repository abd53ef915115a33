package core

// Error codes that Alibaba Cloud returns for the flow log operations and the
// gateway in front of them, as APIError.Code carries them.
const (
	CodeInvalidParameterUpper = "INVALID_PARAMETER"
	CodeMissingParameter      = "MissingParameter"
	CodeInvalidParameter      = "InvalidParameter"

	CodeThrottling         = "Throttling"
	CodeThrottlingUser     = "Throttling.User"
	CodeThrottlingAPI      = "Throttling.Api"
	CodeRejectedThrottling = "Rejected.Throttling"

	CodeOperationConflict        = "OperationConflict"
	CodeTaskConflict             = "TaskConflict"
	CodeSystemBusy               = "SystemBusy"
	CodeIncorrectStatus          = "IncorrectStatus"
	CodeIncorrectStatusFlowlog   = "IncorrectStatus.flowlog"
	CodeInvalidStatus            = "InvalidStatus"
	CodeOperationBlocking        = "Operation.Blocking"
	CodeIncorrectStatusTrFlowlog = "IncorrectStatus.TrFlowlog"
	CodeLockError                = "LOCK_ERROR"

	CodeLastTokenProcessing                = "LastTokenProcessing"
	CodeOperationFailedLastTokenProcessing = "OperationFailed.LastTokenProcessing"
	CodeIdempotentParameterMismatch        = "IdempotentParameterMismatch"

	CodeServiceUnavailable = "ServiceUnavailable"
	CodeInternalError      = "InternalError"
	CodeUnknownError       = "UnknownError"

	CodeSignatureDoesNotMatch       = "SignatureDoesNotMatch"
	CodeIncompleteSignature         = "IncompleteSignature"
	CodeInvalidAccessKeyIDNotFound  = "InvalidAccessKeyId.NotFound"
	CodeInvalidAccessKeyIDInactive  = "InvalidAccessKeyId.Inactive"
	CodeForbiddenRAM                = "Forbidden.RAM"
	CodeInvalidTimeStampExpired     = "InvalidTimeStamp.Expired"
	CodeInvalidTimeStampFormat      = "InvalidTimeStamp.Format"
	CodeSignatureNonceUsed          = "SignatureNonceUsed"
	CodeInvalidSecurityTokenExpired = "InvalidSecurityToken.Expired"

	CodeProjectOrLogstoreNotExist = "ProjectOrLogstoreNotExist"
	CodeSourceProjectNotExist     = "SourceProjectNotExist"
	CodeInvalidActionNotFound     = "InvalidAction.NotFound"
	CodeOperationUnsupported      = "OperationUnsupported.action"
	CodeInvalidVersion            = "InvalidVersion"
)
