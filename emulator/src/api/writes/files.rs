//! `POST file.json` (multipart part `file`) -> `{"fileKey"}` and
//! `GET file.json?fileKey=` -> the bytes (facts §9).

use futures_util::FutureExt;
use serde_json::{json, Value as Json};

use super::call::Call;
use super::params::string;
use crate::api::params::REQUIRED;
use crate::api::{access, ApiError, ApiRequest, ApiResponse, Permission, Principal};
use crate::model::{Store, StoredFile};
use crate::write::invalid;

/// Files belong to no app: any valid token may upload or download them
/// [assumed]; OAuth clients need the file scope (facts §2).
fn check_files(req: &ApiRequest, permission: Permission) -> Result<(), ApiError> {
    match &req.principal {
        Principal::OAuth { scopes, .. }
            if !scopes.iter().any(|s| s == access::scope_for(permission)) =>
        {
            Err(ApiError::no_privilege())
        }
        _ => Ok(()),
    }
}

/// The `file` part of a multipart body: (file name, content type, bytes).
fn file_part(content_type: &str, body: bytes::Bytes) -> Result<Option<StoredFile>, multer::Error> {
    let boundary = multer::parse_boundary(content_type)?;
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let parse = async move {
        while let Some(field) = multipart.next_field().await? {
            if field.name() != Some("file") {
                continue;
            }
            let name = field.file_name().unwrap_or("file").to_string();
            let content_type = field
                .content_type()
                .map(|m| m.to_string())
                .unwrap_or_else(|| "application/octet-stream".into());
            let bytes = field.bytes().await?;
            return Ok(Some(StoredFile {
                name,
                content_type,
                bytes,
            }));
        }
        Ok(None)
    };
    // The whole body is in memory: the parser never waits.
    parse.now_or_never().unwrap_or(Ok(None))
}

/// `POST file.json`: stores the upload under a new key.
pub fn upload(call: &mut Call) -> Result<Json, ApiError> {
    check_files(call.req, Permission::WriteFile)?;
    let content_type = call.req.content_type.as_deref().unwrap_or_default();
    if !content_type
        .to_ascii_lowercase()
        .starts_with("multipart/form-data")
    {
        return Err(invalid(
            "file",
            "Send the file as multipart/form-data in a part named \"file\".",
        ));
    }
    let file = file_part(content_type, call.req.body.clone())
        .map_err(|e| invalid("file", format!("The multipart body cannot be read: {e}")))?
        .ok_or_else(|| invalid("file", REQUIRED))?;
    let key = uuid::Uuid::new_v4().to_string();
    call.tx.add_file(key.clone(), file);
    Ok(json!({ "fileKey": key }))
}

/// `GET file.json?fileKey=`: the stored bytes with their content type;
/// unknown keys are 404 `GAIA_BL01` (facts §3).
pub fn download(store: &Store, req: &ApiRequest) -> Result<ApiResponse, ApiError> {
    check_files(req, Permission::ReadFile)?;
    let key = string(&req.params, "fileKey")?
        .filter(|k| !k.is_empty())
        .ok_or_else(|| invalid("fileKey", REQUIRED))?;
    let file = store.files.get(key).ok_or_else(|| {
        ApiError::new(
            404,
            "GAIA_BL01",
            format!("The specified file (id: {key}) not found."),
        )
    })?;
    Ok(ApiResponse::Bytes {
        content_type: file.content_type.clone(),
        body: file.bytes.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_file_part_of_a_multipart_body() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nignored\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
                    Content-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n";
        let file = file_part(
            "multipart/form-data; boundary=XyZ",
            bytes::Bytes::from(body),
        )
        .unwrap()
        .unwrap();
        assert_eq!(file.name, "a.txt");
        assert_eq!(file.content_type, "text/plain");
        assert_eq!(&file.bytes[..], b"hello");
        let none =
            "--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--XyZ--\r\n";
        assert!(file_part(
            "multipart/form-data; boundary=XyZ",
            bytes::Bytes::from(none)
        )
        .unwrap()
        .is_none());
        assert!(file_part("text/plain", bytes::Bytes::new()).is_err());
    }
}
