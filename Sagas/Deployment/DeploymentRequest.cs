using SagaFunctions.Kernel.Declarations;

namespace SagaFunctions.Sagas.Deployment;

/// <summary>Start request of the deployment saga: <c>{deploymentId, version, imageTag}</c>.</summary>
public sealed record DeploymentRequest(string DeploymentId, string Version, string ImageTag) : ISagaRequest
{
    public IEnumerable<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        errors.RequireId(DeploymentId, "deploymentId");
        errors.RequireId(Version, "version");
        errors.RequireText(ImageTag, "imageTag", 200, allowLineBreaks: false);
        return errors;
    }
}
