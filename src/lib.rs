//! LocalVoice: public consultations for local policing in Scotland, turned into evidence for the
//! next Local Police Plan.

pub mod domain;
pub mod stats;
