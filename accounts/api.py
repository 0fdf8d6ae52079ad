from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from accounts import selectors, services
from accounts.auth import authenticated
from core.pagination import Pagination

router = Router(tags=["accounts"], auth=authenticated)


class MeOut(Schema):
    email: str
    full_name: str
    preferred_language: str
    network_roles: list[str]

    @staticmethod
    def resolve_network_roles(obj) -> list[str]:
        return sorted(obj.network_roles.values_list("role", flat=True))


class TokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    expires_at: datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    key_hint: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(..., description="The token itself. It is shown only this once.")


@router.get("/me", response=MeOut, summary="The signed-in person")
def me(request):
    return request.user


@router.get("/tokens", response=list[TokenOut], summary="My API tokens")
@paginate(Pagination)
def list_tokens(request):
    return selectors.api_token_list(user=request.user)


@router.post("/tokens", response={201: TokenCreatedOut}, summary="Create an API token")
def create_token(request, payload: TokenIn):
    token, raw = services.api_token_create(
        actor=request.user, name=payload.name, expires_at=payload.expires_at
    )
    token.token = raw
    return Status(201, token)


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke an API token")
def revoke_token(request, token_id: int):
    services.api_token_revoke(actor=request.user, token_id=token_id)
    return Status(204, None)


@router.get("/tokens/{token_id}", response=TokenOut, summary="One of my API tokens")
def get_token(request, token_id: int):
    return get_object_or_404(selectors.api_token_list(user=request.user), pk=token_id)
