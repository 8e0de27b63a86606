from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response

from apps.core.api import PaginatedView, paginated_response
from apps.staff import selectors, services
from apps.staff.models import Report, ReportReason, ReportTarget


class ReportSerializer(serializers.ModelSerializer):
    target_type = serializers.ChoiceField(choices=ReportTarget.choices)
    target = serializers.CharField(source="target_key", max_length=220)
    reason = serializers.ChoiceField(choices=ReportReason.choices)

    class Meta:
        model = Report
        fields = [
            "id",
            "target_type",
            "target",
            "target_label",
            "reason",
            "message",
            "status",
            "created_at",
        ]
        read_only_fields = ["id", "target_label", "status", "created_at"]
        extra_kwargs = {"message": {"max_length": 2000}}


class ReportsView(PaginatedView):
    """`POST {target_type, target, reason, message}` reports content; staff `GET` open reports."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=ReportSerializer(many=True))
    def get(self, request):
        if not request.user.is_staff:
            return Response({"detail": _("Only staff see reports.")}, status=403)
        return paginated_response(self, selectors.open_reports(), ReportSerializer)

    @extend_schema(request=ReportSerializer, responses={201: ReportSerializer})
    def post(self, request):
        data = ReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_create(
            reporter=request.user,
            target_type=data.validated_data["target_type"],
            target_key=data.validated_data["target_key"],
            reason=data.validated_data["reason"],
            message=data.validated_data.get("message", ""),
        )
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)
