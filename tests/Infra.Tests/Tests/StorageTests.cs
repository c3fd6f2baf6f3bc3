using System.Text.Json;
using SagaFunctions.Infra.Tests.Arm;

namespace SagaFunctions.Infra.Tests.Tests;

/// <summary>The storage account: Entra ID only (shared keys off), private, with the package container and the dead-letter table.</summary>
public class StorageTests
{
    private static ArmResource Account => CompiledInfra.One("Microsoft.Storage/storageAccounts");

    [Fact]
    public void StorageAccount_SharedKeyAccess_IsOff()
    {
        Assert.Equal(JsonValueKind.False, Account.Property("properties", "allowSharedKeyAccess")?.ValueKind);
        Assert.Equal(JsonValueKind.True, Account.Property("properties", "defaultToOAuthAuthentication")?.ValueKind);
    }

    [Fact]
    public void StorageAccount_Network_HttpsTls12NoPublicBlobs()
    {
        Assert.Equal(JsonValueKind.False, Account.Property("properties", "allowBlobPublicAccess")?.ValueKind);
        Assert.Equal(JsonValueKind.True, Account.Property("properties", "supportsHttpsTrafficOnly")?.ValueKind);
        Assert.Equal("TLS1_2", Account.Text("properties", "minimumTlsVersion"));
    }

    [Fact]
    public void StorageAccount_Sku_StandardLrsStorageV2()
    {
        Assert.Equal("Standard_LRS", Account.Text("sku", "name"));
        Assert.Equal("StorageV2", Account.Text("kind"));
    }

    [Fact]
    public void DeploymentContainer_NameFromMain_IsPrivateAndUsedByTheFunctionApp()
    {
        var container = CompiledInfra.One("Microsoft.Storage/storageAccounts/blobServices/containers");
        var storage = CompiledInfra.Main.Module("storage");
        var functionApp = CompiledInfra.Site("functionapp,linux");

        Assert.Equal("None", container.Text("properties", "publicAccess"));
        Assert.Contains("parameters('deploymentStorageContainerName')", container.Name, StringComparison.Ordinal);
        Assert.Equal("[variables('deploymentStorageContainerName')]", storage.PassedParameter("deploymentStorageContainerName")?.GetString());
        // The function app gets the container's name from the storage module's output, so it cannot point elsewhere.
        Assert.Matches(ArmExpression.ModuleOutput("storage", "deploymentStorageContainerName"), CompiledInfra.Main.Module("api").PassedParameter("deploymentStorageContainerName")?.GetString());
        Assert.Contains("parameters('deploymentStorageContainerName')", functionApp.Text("properties", "functionAppConfig", "deployment", "storage", "value"), StringComparison.Ordinal);
    }

    [Fact]
    public void DeploymentContainerName_Derived_IsLowerCaseAndAtMost63Characters()
    {
        var name = CompiledInfra.Main.Variables["deploymentStorageContainerName"].GetString();

        // 'app-package-' (12) + take(..., 32) + '-' + take(..., 7) = at most 52 characters, all lower-cased.
        Assert.Equal("[format('app-package-{0}-{1}', take(toLower(variables('functionAppResourceName')), 32), take(toLower(uniqueString(variables('functionAppResourceName'), variables('resourceToken'))), 7))]", name);
    }

    [Fact]
    public void DeadLetterTable_DefaultName_IsCreatedAndSetOnTheFunctionApp()
    {
        var table = Assert.Single(CompiledInfra.Main.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), t => t.Name.Contains("deadLetterTableName", StringComparison.Ordinal));
        var storage = CompiledInfra.Main.Module("storage");

        Assert.Contains("parameters('deadLetterTableName')", table.Name, StringComparison.Ordinal);
        Assert.Equal("[parameters('deadLetterTableName')]", storage.PassedParameter("deadLetterTableName")?.GetString());
        Assert.Equal("SagaDeadLetters", CompiledInfra.Main.ParameterDefault("deadLetterTableName")?.GetString());
        Assert.Matches(ArmExpression.ModuleOutput("storage", "deadLetterTableName"), CompiledInfra.Main.Module("api").PassedParameter("deadLetterTableName")?.GetString());
    }

    [Fact]
    public void StartClaimsTable_DefaultName_IsCreatedAndSetOnTheFunctionApp()
    {
        Assert.Single(CompiledInfra.Main.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), t => t.Name.Contains("parameters('startClaimsTableName')", StringComparison.Ordinal));
        Assert.Equal("[parameters('startClaimsTableName')]", CompiledInfra.Main.Module("storage").PassedParameter("startClaimsTableName")?.GetString());
        Assert.Equal("SagaStartClaims", CompiledInfra.Main.ParameterDefault("startClaimsTableName")?.GetString());
        Assert.Matches(ArmExpression.ModuleOutput("storage", "startClaimsTableName"), CompiledInfra.Main.Module("api").PassedParameter("startClaimsTableName")?.GetString());
    }

    [Fact]
    public void ChoreographyTableAndQueues_AreCreatedAndPassedToTheFunctionApp()
    {
        var api = CompiledInfra.Main.Module("api");

        Assert.Single(CompiledInfra.Main.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), t => t.Name.Contains("parameters('choreographyTableName')", StringComparison.Ordinal));
        Assert.Equal("SagaChoreographies", CompiledInfra.Main.ParameterDefault("choreographyTableName")?.GetString());
        Assert.Matches(ArmExpression.ModuleOutput("storage", "choreographyTableName"), api.PassedParameter("choreographyTableName")?.GetString());
        Assert.Single(CompiledInfra.Main.OfType("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Matches(ArmExpression.ModuleOutput("storage", "choreographyQueueNames"), api.PassedParameter("choreographyQueueNames")?.GetString());
    }

    [Fact]
    public void AuditTable_DefaultName_IsCreatedAndSetOnTheFunctionApp()
    {
        Assert.Single(CompiledInfra.Main.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"), t => t.Name.Contains("parameters('auditTableName')", StringComparison.Ordinal));
        Assert.Equal("[parameters('auditTableName')]", CompiledInfra.Main.Module("storage").PassedParameter("auditTableName")?.GetString());
        Assert.Equal("SagaAudit", CompiledInfra.Main.ParameterDefault("auditTableName")?.GetString());
        Assert.Matches(ArmExpression.ModuleOutput("storage", "auditTableName"), CompiledInfra.Main.Module("api").PassedParameter("auditTableName")?.GetString());
    }
}
