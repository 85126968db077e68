"""Users: profile create/update in one write, preferences merged without lost updates."""

from __future__ import annotations

import asyncio

import pytest

from remo_async.domain import UserUpdate
from remo_async.store import InvalidValue, Store

ALICE = "did:privy:alice"


async def test_profile_created_then_updated_keeps_created_at(store: Store, clock) -> None:
    assert await store.users.get(privy_id=ALICE) is None
    user, created = await store.users.save(
        privy_id=ALICE, changes=UserUpdate(email="a@example.com", first_name="Alice")
    )
    assert created
    assert (user.privy_id, user.email, user.first_name) == (ALICE, "a@example.com", "Alice")
    clock.advance(hours=1)
    updated, created = await store.users.save(
        privy_id=ALICE, changes=UserUpdate.model_validate({"last_name": "Liddell", "email": None})
    )
    assert not created
    assert updated.created_at == user.created_at
    assert updated.updated_at == clock.now
    assert (updated.first_name, updated.last_name, updated.email) == ("Alice", "Liddell", None)
    assert await store.users.get(privy_id=ALICE) == updated


async def test_preferences_default_then_merge(store: Store) -> None:
    prefs = await store.users.get_preferences(privy_id=ALICE)
    assert (prefs.timezone, prefs.language) == ("UTC", "en")
    merged = await store.users.merge_preferences(
        privy_id=ALICE, patch={"timezone": "Asia/Kolkata", "theme": "dark"}
    )
    assert merged.timezone == "Asia/Kolkata"
    merged = await store.users.merge_preferences(privy_id=ALICE, patch={"language": "de"})
    assert merged.model_dump(exclude_none=True) == {
        "timezone": "Asia/Kolkata",
        "language": "de",
        "theme": "dark",
    }
    # Preferences alone do not make a profile.
    assert await store.users.get(privy_id=ALICE) is None
    user, created = await store.users.save(privy_id=ALICE, changes=UserUpdate(first_name="A"))
    assert created
    assert (await store.users.get_preferences(privy_id=ALICE)).language == "de"
    assert user.first_name == "A"


@pytest.mark.parametrize("backend", ["dynamodb-local"], indirect=True)
async def test_concurrent_merges_lose_nothing(store: Store) -> None:
    await asyncio.gather(
        *(store.users.merge_preferences(privy_id=ALICE, patch={f"k{i}": i}) for i in range(6))
    )
    prefs = await store.users.get_preferences(privy_id=ALICE)
    assert dict(prefs.extra().items()) == {f"k{i}": i for i in range(6)}


async def test_preferences_have_a_size_limit(store: Store) -> None:
    with pytest.raises(InvalidValue, match="4096"):
        await store.users.merge_preferences(privy_id=ALICE, patch={"notes": "x" * 5000})
    assert (await store.users.get_preferences(privy_id=ALICE)).extra() == {}


async def test_delete_user(store: Store) -> None:
    await store.users.save(privy_id=ALICE, changes=UserUpdate(first_name="A"))
    assert await store.users.delete(privy_id=ALICE)
    assert not await store.users.delete(privy_id=ALICE)
    assert await store.users.get(privy_id=ALICE) is None


async def test_assistant_memory_is_kept_beside_preferences_not_in_them(store: Store) -> None:
    await store.users.merge_preferences(privy_id="did:privy:m", patch={"timezone": "Asia/Kolkata"})
    memory = {"last": ["reminder", "rem_1"], "undo": [{"before": {"description": "d" * 4000}}]}
    await store.users.keep_memory(privy_id="did:privy:m", memory=memory)
    state = await store.users.chat_state(privy_id="did:privy:m")
    assert state.memory == memory
    assert state.preferences.timezone == "Asia/Kolkata"
    # The memory takes no room from the user's own 4 KiB, and is not shown in them.
    preferences = await store.users.get_preferences(privy_id="did:privy:m")
    assert "assistant_memory" not in preferences.model_dump()
    await store.users.merge_preferences(privy_id="did:privy:m", patch={"note": "n" * 3000})

    await store.delete_user_data(user_id="did:privy:m", data_type="conversations")
    assert (await store.users.chat_state(privy_id="did:privy:m")).memory is None
    assert (await store.users.get_preferences(privy_id="did:privy:m")).timezone == "Asia/Kolkata"


async def test_forgetting_memory_of_an_unknown_user_makes_no_item(store: Store) -> None:
    await store.users.forget_memory(privy_id="did:privy:nobody")
    assert await store.users.get(privy_id="did:privy:nobody") is None
    state = await store.users.chat_state(privy_id="did:privy:nobody")
    assert state.memory is None
    exported = await store.users.delete(privy_id="did:privy:nobody")
    assert exported is False  # nothing was there to delete


async def test_memory_alone_is_not_a_saved_user(store: Store) -> None:
    await store.users.keep_memory(privy_id="did:privy:chatty", memory={"last": None})
    assert await store.users.get(privy_id="did:privy:chatty") is None
    deleted = await store.delete_user_data(user_id="did:privy:chatty", data_type="user")
    assert deleted["user"] == 0
    assert (await store.users.chat_state(privy_id="did:privy:chatty")).memory is None
